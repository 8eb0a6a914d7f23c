package dev.flowrunner.api;

import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.SecretSealer;
import dev.flowrunner.domain.Secrets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

@Path("/projects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    CatalogService catalog;
    @Inject
    SecretSealer sealer;

    @RolesAllowed(Roles.ADMIN)
    @Audited("project.create")
    @POST
    public Response create(ProjectRequest body, @Context UriInfo uri) {
        Project project = Requests.project(body == null ? null : body.id(), body, Secrets.NONE, sealer);
        catalog.createProject(project);
        return Response.created(uri.getAbsolutePathBuilder().path(project.id()).build())
                .entity(ProjectView.of(project)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<ProjectView> list() {
        return catalog.projects().stream().map(ProjectView::of).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    public ProjectView get(@PathParam("id") String id) {
        return ProjectView.of(catalog.project(id));
    }

    /** Replaces the project; a stored secret not resent as {@code {"keep": true}} is dropped. */
    @RolesAllowed(Roles.ADMIN)
    @Audited("project.update")
    @PUT
    @Path("{id}")
    public ProjectView update(@PathParam("id") String id, ProjectRequest body) {
        Project project = Requests.project(id, body, catalog.project(id).secrets(), sealer);
        catalog.updateProject(project);
        return ProjectView.of(project);
    }

    @RolesAllowed(Roles.ADMIN)
    @Audited("project.delete")
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        catalog.deleteProject(id);
        return Response.noContent().build();
    }
}
