package dev.flowrunner.api;

import dev.flowrunner.application.schedule.ScheduleService;
import dev.flowrunner.domain.Schedule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** An execution's schedules: list them, with their next fires and latest outcomes, and add one. */
@Path("/executions/{executionId}/schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionSchedulesResource {

    @Inject
    ScheduleService schedules;
    @Inject
    ScheduleViews views;

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<ScheduleView> list(@PathParam("executionId") String executionId) {
        return schedules.ofExecution(executionId).stream().map(views::view).toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @Audited("schedule.create")
    @POST
    public Response create(@PathParam("executionId") String executionId, ScheduleRequest body,
                           @Context UriInfo uri) {
        Schedule created = schedules.create(executionId, ScheduleRules.definition(body));
        return Response.created(uri.getBaseUriBuilder().path("schedules").path(created.id()).build())
                .entity(views.view(created)).build();
    }
}
