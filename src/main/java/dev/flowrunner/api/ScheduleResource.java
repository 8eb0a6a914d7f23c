package dev.flowrunner.api;

import dev.flowrunner.application.schedule.ScheduleService;
import dev.flowrunner.domain.ScheduleFire;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * One schedule: read it, change it (disabling takes effect at once), delete it (descheduling), and its fire history.
 */
@Path("/schedules/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    ScheduleService schedules;
    @Inject
    ScheduleViews views;

    @RolesAllowed(Roles.VIEWER)
    @GET
    public ScheduleView get(@PathParam("id") String id) {
        return views.view(schedules.get(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @Audited("schedule.update")
    @PUT
    public ScheduleView update(@PathParam("id") String id, ScheduleRequest body) {
        schedules.get(id);
        return views.view(schedules.update(id, ScheduleRules.definition(body)));
    }

    @RolesAllowed(Roles.ADMIN)
    @Audited("schedule.delete")
    @DELETE
    public Response delete(@PathParam("id") String id) {
        schedules.delete(id);
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("fires")
    public List<ScheduleFire> fires(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        schedules.get(id);
        return schedules.fires(id, Math.max(1, Math.min(limit, 500)));
    }
}
