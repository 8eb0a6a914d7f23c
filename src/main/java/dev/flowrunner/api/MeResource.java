package dev.flowrunner.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.stream.Stream;

/** Who the caller is and which roles they hold: the UI offers only the actions the caller may take. */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Me(String user, List<String> roles) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Me me(@Context SecurityContext security) {
        return new Me(security.getUserPrincipal().getName(), Stream.of(Roles.VIEWER, Roles.RUNNER, Roles.ADMIN)
                .filter(security::isUserInRole).toList());
    }
}
