package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunListing;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunState;
import dev.flowrunner.domain.RunSummary;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.infrastructure.mongo.RunDocument.FlowStateDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.nosql.Template;

import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs are written whole by JNoSQL once; later changes go through atomic driver updates. */
@ApplicationScoped
public class MongoRunRepository implements RunRepository {

    private static final String COLLECTION = "runs";
    private static final String FLOW_ELEMENT = RunDocument.FLOWS + ".$.";
    // The report's state is kept beside the run, outside the mapped document: only the driver writes it.
    private static final String REPORT_BUILT_AT = "reportBuiltAt";
    private static final String REPORT_FINAL = "reportFinal";
    private static final List<String> ENDED = Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal)
            .map(Enum::name).toList();

    private static final String PROJECT_ID = "projectId";
    private static final String EXECUTION_ID = "executionId";
    private static final Bson NEWEST_FIRST = Sorts.descending(RunDocument.CREATED_AT, "_id");
    private static final List<String> SUMMARY_FIELDS = List.of(PROJECT_ID, EXECUTION_ID, "executionName", "trigger",
            RunDocument.STATUS, RunDocument.CREATED_AT, RunDocument.ENDED_AT);

    @Inject
    Template template;
    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void create(Run run) {
        template.insert(RunDocument.of(run));
    }

    @Override
    public Optional<Run> find(String runId) {
        return template.find(RunDocument.class, runId).map(RunDocument::toDomain);
    }

    @Override
    public Optional<RunState> state(String runId) {
        Document found = mongo.collection(COLLECTION).find(Filters.eq("_id", runId))
                .projection(Projections.include(RunDocument.STATUS, RunDocument.ENDED_AT, RunDocument.FLOWS,
                        RunDocument.ROUND, RunDocument.PROBLEM)).first();
        if (found == null) {
            return Optional.empty();
        }
        Number endedAt = (Number) found.get(RunDocument.ENDED_AT);
        List<FlowState> flows = found.getList(RunDocument.FLOWS, Document.class, List.of()).stream()
                .map(f -> new FlowState(f.getString(FlowStateDocument.FLOW_KEY),
                        FlowStatus.valueOf(f.getString(RunDocument.STATUS)),
                        f.get(FlowStateDocument.JOB_EXECUTION_ID) == null ? null
                                : ((Number) f.get(FlowStateDocument.JOB_EXECUTION_ID)).longValue(),
                        f.getString(FlowStateDocument.HALTED_AT), f.getString(FlowStateDocument.REASON)))
                .toList();
        return Optional.of(new RunState(RunStatus.valueOf(found.getString(RunDocument.STATUS)),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt.longValue()), flows,
                found.getInteger(RunDocument.ROUND, 0), found.getString(RunDocument.PROBLEM)));
    }

    @Override
    public List<RunSummary> list(RunListing listing) {
        ensureIndexes();
        Bson scope = listing.projectId() != null ? Filters.eq(PROJECT_ID, listing.projectId())
                : Filters.eq(EXECUTION_ID, listing.executionId());
        Bson filter = scope;
        if (listing.after() != null) {
            Document after = mongo.collection(COLLECTION).find(Filters.eq("_id", listing.after()))
                    .projection(Projections.include(RunDocument.CREATED_AT)).first();
            if (after == null) {
                return List.of();
            }
            long createdAt = ((Number) after.get(RunDocument.CREATED_AT)).longValue();
            filter = Filters.and(scope, Filters.or(Filters.lt(RunDocument.CREATED_AT, createdAt),
                    Filters.and(Filters.eq(RunDocument.CREATED_AT, createdAt), Filters.lt("_id", listing.after()))));
        }
        var found = new ArrayList<RunSummary>(listing.limit());
        mongo.collection(COLLECTION).find(filter).projection(Projections.include(SUMMARY_FIELDS))
                .sort(NEWEST_FIRST).skip(listing.skip()).limit(listing.limit())
                .forEach(d -> found.add(summary(d)));
        return found;
    }

    private static RunSummary summary(Document d) {
        Number endedAt = (Number) d.get(RunDocument.ENDED_AT);
        return new RunSummary(d.getString("_id"), d.getString(PROJECT_ID), d.getString(EXECUTION_ID),
                d.getString("executionName"), d.getString("trigger"), RunStatus.valueOf(d.getString(RunDocument.STATUS)),
                Instant.ofEpochMilli(((Number) d.get(RunDocument.CREATED_AT)).longValue()),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt.longValue()));
    }

    /**
     * The listings' sort orders, with the scope first: on a real MongoDB each listing reads one index range, newest
     * first, and stops at the page's end, however many runs there are. (Listing by status serves recovery and the
     * retention sweep.)
     */
    private void ensureIndexes() {
        if (!indexed) {
            var runs = mongo.collection(COLLECTION);
            runs.createIndex(Indexes.compoundIndex(Indexes.ascending(PROJECT_ID), NEWEST_FIRST));
            runs.createIndex(Indexes.compoundIndex(Indexes.ascending(EXECUTION_ID), NEWEST_FIRST));
            runs.createIndex(Indexes.ascending(RunDocument.STATUS, RunDocument.CREATED_AT));
            indexed = true;
        }
    }

    @Override
    public boolean beginRound(String runId, List<RunStatus> from, int currentRound) {
        return mongo.collection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", runId),
                        Filters.in(RunDocument.STATUS, from.stream().map(Enum::name).toList()),
                        Filters.eq(RunDocument.ROUND, currentRound)),
                Updates.combine(Updates.set(RunDocument.STATUS, RunStatus.RUNNING.name()),
                        Updates.set(RunDocument.ENDED_AT, null), Updates.inc(RunDocument.ROUND, 1),
                        Updates.set(REPORT_FINAL, false), Updates.unset(RunDocument.PROBLEM)))
                .getMatchedCount() > 0;
    }

    @Override
    public List<Run> listByStatus(List<RunStatus> statuses) {
        return template.select(RunDocument.class).where(RunDocument.STATUS)
                .in(statuses.stream().map(Enum::name).toList()).orderBy(RunDocument.CREATED_AT).asc()
                .<RunDocument>result().stream().map(RunDocument::toDomain).toList();
    }

    @Override
    public List<String> idsOf(String executionId, List<RunStatus> statuses) {
        ensureIndexes();
        var ids = new ArrayList<String>();
        mongo.collection(COLLECTION).find(Filters.and(Filters.eq(EXECUTION_ID, executionId),
                        Filters.in(RunDocument.STATUS, statuses.stream().map(Enum::name).toList())))
                .projection(Projections.include("_id")).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    @Override
    public long countByStatus(RunStatus status) {
        return mongo.collection(COLLECTION).countDocuments(Filters.eq(RunDocument.STATUS, status.name()));
    }

    @Override
    public void updateFlow(String runId, FlowState flow) {
        mongo.collection(COLLECTION).updateOne(flowFilter(runId, flow.flowKey()), Updates.combine(
                Updates.set(FLOW_ELEMENT + RunDocument.STATUS, flow.status().name()),
                Updates.set(FLOW_ELEMENT + FlowStateDocument.JOB_EXECUTION_ID, flow.jobExecutionId()),
                Updates.set(FLOW_ELEMENT + FlowStateDocument.HALTED_AT, flow.haltedAt()),
                Updates.set(FLOW_ELEMENT + FlowStateDocument.REASON, flow.reason())));
    }

    @Override
    public void recordJobExecution(String runId, String flowKey, long jobExecutionId) {
        mongo.collection(COLLECTION).updateOne(flowFilter(runId, flowKey),
                Updates.set(FLOW_ELEMENT + FlowStateDocument.JOB_EXECUTION_ID, jobExecutionId));
    }

    @Override
    public boolean transition(String runId, List<RunStatus> from, RunStatus to, Instant endedAt) {
        var update = endedAt == null ? Updates.set(RunDocument.STATUS, to.name())
                : Updates.combine(Updates.set(RunDocument.STATUS, to.name()),
                Updates.set(RunDocument.ENDED_AT, endedAt.toEpochMilli()));
        return mongo.collection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", runId),
                Filters.in(RunDocument.STATUS, from.stream().map(Enum::name).toList())), update).getMatchedCount() > 0;
    }

    private static org.bson.conversions.Bson flowFilter(String runId, String flowKey) {
        return Filters.and(Filters.eq("_id", runId),
                Filters.eq(RunDocument.FLOWS + "." + FlowStateDocument.FLOW_KEY, flowKey));
    }

    @Override
    public void recordProblem(String runId, String problem) {
        mongo.collection(COLLECTION).updateOne(Filters.eq("_id", runId), Updates.set(RunDocument.PROBLEM, problem));
    }

    @Override
    public void recordReport(String runId, int round, ReportState report) {
        mongo.collection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", runId), Filters.eq(RunDocument.ROUND, round)),
                Updates.combine(Updates.set(REPORT_BUILT_AT, report.builtAt().toEpochMilli()),
                        Updates.set(REPORT_FINAL, report.complete())));
    }

    @Override
    public Optional<ReportState> reportOf(String runId) {
        Document found = mongo.collection(COLLECTION).find(Filters.eq("_id", runId))
                .projection(Projections.include(REPORT_BUILT_AT, REPORT_FINAL)).first();
        if (found == null || found.get(REPORT_BUILT_AT) == null) {
            return Optional.empty();
        }
        return Optional.of(new ReportState(Instant.ofEpochMilli(((Number) found.get(REPORT_BUILT_AT)).longValue()),
                Boolean.TRUE.equals(found.getBoolean(REPORT_FINAL))));
    }

    @Override
    public List<String> endedWithProvisionalReport() {
        var ids = new ArrayList<String>();
        mongo.collection(COLLECTION).find(Filters.and(Filters.in(RunDocument.STATUS, ENDED),
                        Filters.ne(REPORT_FINAL, true))).projection(Projections.include("_id"))
                .sort(Sorts.ascending(RunDocument.CREATED_AT)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    @Override
    public List<Run> listEndedByExecution(String executionId, int skip, int limit) {
        return template.select(RunDocument.class).where("executionId").eq(executionId)
                .and(RunDocument.STATUS).in(ENDED).orderBy(RunDocument.CREATED_AT).desc().skip(skip).limit(limit)
                .<RunDocument>result().stream().map(RunDocument::toDomain).toList();
    }

    @Override
    public List<Run> listEndedBefore(Instant cutoff, String executionId, int limit) {
        var ended = template.select(RunDocument.class).where(RunDocument.STATUS).in(ENDED)
                .and(RunDocument.ENDED_AT).lt(cutoff.toEpochMilli());
        var scoped = executionId == null ? ended : ended.and("executionId").eq(executionId);
        return scoped.orderBy(RunDocument.ENDED_AT).asc().limit(limit)
                .<RunDocument>result().stream().map(RunDocument::toDomain).toList();
    }

    @Override
    public List<String> executionIdsWithRuns() {
        return mongo.collection(COLLECTION).distinct("executionId", String.class).into(new ArrayList<>());
    }

    @Override
    public Set<String> existing(Collection<String> runIds) {
        var found = new HashSet<String>();
        mongo.collection(COLLECTION).find(Filters.in("_id", runIds)).projection(Projections.include("_id"))
                .forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    @Override
    public void delete(String runId) {
        mongo.collection(COLLECTION).deleteOne(Filters.eq("_id", runId));
    }
}
