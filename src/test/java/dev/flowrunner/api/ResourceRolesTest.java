package dev.flowrunner.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No endpoint is forgotten: every resource method of the REST API names the role it needs; changes are audited. */
class ResourceRolesTest {

    private static final List<Class<? extends Annotation>> VERBS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class);

    @Test
    void everyResourceMethodNamesItsRole() throws Exception {
        List<Method> endpoints = resourceClasses().stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> VERBS.stream().anyMatch(m::isAnnotationPresent)).toList();

        assertTrue(endpoints.size() >= 30, "found only " + endpoints.size() + " endpoints");
        List<String> unguarded = endpoints.stream()
                .filter(m -> !m.isAnnotationPresent(RolesAllowed.class)
                        && !m.getDeclaringClass().isAnnotationPresent(RolesAllowed.class))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList();
        assertEquals(List.of(), unguarded);
    }

    @Test
    void everyChangeIsAuditedAndNoReadIs() throws Exception {
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getDeclaredMethods()) {
                if (VERBS.stream().anyMatch(method::isAnnotationPresent)) {
                    assertEquals(!method.isAnnotationPresent(GET.class), method.isAnnotationPresent(Audited.class),
                            method.toString());
                }
            }
        }
    }

    @Test
    void readsOutsideTheAdminAreaNeedAViewerAndChangesNeedMore() throws Exception {
        var known = Set.of(Roles.VIEWER, Roles.RUNNER, Roles.ADMIN);
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getDeclaredMethods()) {
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
                if (roles == null) {
                    continue;
                }
                assertTrue(known.containsAll(List.of(roles.value())), method.toString());
                // The admin area's reads (the audit log) are for admins; every other read is for viewers.
                boolean read = method.isAnnotationPresent(GET.class)
                        && !resource.getAnnotation(Path.class).value().startsWith("/admin");
                assertEquals(read, List.of(roles.value()).equals(List.of(Roles.VIEWER)), method.toString());
            }
        }
    }

    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        var dir = java.nio.file.Path.of(Roles.class.getResource("Roles.class").toURI()).getParent();
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> load("dev.flowrunner.api." + n.substring(0, n.length() - ".class".length())))
                    .<Class<?>>map(c -> c).filter(c -> c.isAnnotationPresent(Path.class)).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
