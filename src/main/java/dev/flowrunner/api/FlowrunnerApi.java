package dev.flowrunner.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API under /api; its OpenAPI document is served at /openapi (and /openapi/ui). */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Flowrunner", version = "1.0",
        description = "Runs Cucumber suites as flows of scenario groups on worker pods or local processes. Every "
                + "call signs in with HTTP basic; reads need the viewer role, starting, stopping and re-running the "
                + "runner role, edits the admin role."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class FlowrunnerApi extends Application {
}
