package dev.flowrunner.incontainer;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The application as `mvn package` built it, for Arquillian to deploy with the in-container tests. Without its
 * web.xml: the application's security constraint (every path for signed-in viewers) would refuse Arquillian's own
 * servlet, which carries the tests in and their results out; the tests call beans, not endpoints.
 */
final class InContainer {

    private InContainer() {
    }

    static WebArchive application(Class<?>... tests) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "flowrunner-incontainer.war")
                .importFrom(new File("target/flowrunner.war")).as(WebArchive.class);
        war.delete("/WEB-INF/web.xml");
        war.addClass(InContainer.class);
        war.addClasses(tests);
        return war;
    }
}
