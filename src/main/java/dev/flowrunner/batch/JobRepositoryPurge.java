package dev.flowrunner.batch;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes the batch job repository's rows of runs that are gone. Liberty keeps every job instance, execution, step
 * execution and partition forever, and the Jakarta Batch API cannot purge, so they are deleted here through the
 * repository's own data source, children before parents as the tables' foreign keys require. A run's jobs are found
 * by the {@code runId} parameter Liberty records for every execution; a job with an execution that has not ended is
 * never touched (its run may have been deleted the moment it ended, before the batch runtime wrote its last update).
 * <p>
 * The tables are Liberty's own, in the schema that {@code jobrepo-derby.xml} and {@code jobrepo-postgresql.xml} give
 * the job store, with Liberty's default table prefix.
 */
@ApplicationScoped
public class JobRepositoryPurge {

    static final String SCHEMA = "FLOWRUNNER.";
    private static final String INSTANCES = SCHEMA + "WLPJOBINSTANCE";
    private static final String EXECUTIONS = SCHEMA + "WLPJOBEXECUTION";
    private static final String PARAMETERS = SCHEMA + "WLPJOBPARAMETER";
    private static final String STEP_EXECUTIONS = SCHEMA + "WLPSTEPTHREADEXECUTION";
    private static final String STEP_INSTANCES = SCHEMA + "WLPSTEPTHREADINSTANCE";
    private static final String PARTITIONS = SCHEMA + "WLPREMOTABLEPARTITION";
    private static final String GROUPS = SCHEMA + "WLPGROUPASSOCIATION";
    /** Run ids per statement: a bounded IN list, however many runs one retention pass deletes. */
    private static final int CHUNK = 100;
    private static final String NOT_ENDED = BatchStatus.STARTING.ordinal() + "," + BatchStatus.STARTED.ordinal() + ","
            + BatchStatus.STOPPING.ordinal();
    private static final String ALL_ENDED = " AND NOT EXISTS (SELECT 1 FROM " + EXECUTIONS + " a WHERE"
            + " a.FK_JOBINSTANCEID = e.FK_JOBINSTANCEID AND a.BATCHSTATUS IN (" + NOT_ENDED + "))";

    @Resource(lookup = "jdbc/flowrunnerJobRepository")
    DataSource dataSource;

    /** The runs that have jobs in the repository, every one of them ended. */
    public Set<String> runsWithEndedJobs() {
        String sql = "SELECT DISTINCT p.VALUE FROM " + PARAMETERS + " p JOIN " + EXECUTIONS + " e ON e.JOBEXECID ="
                + " p.FK_JOBEXECID WHERE p.NAME = '" + FlowJobNames.RUN_ID + "'" + ALL_ENDED;
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            var runs = new LinkedHashSet<String>();
            while (rows.next()) {
                runs.add(rows.getString(1));
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("the job repository could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the runs' jobs whose executions have all ended.
     *
     * @return how many job instances were deleted
     */
    public int purge(Collection<String> runIds) {
        List<String> all = List.copyOf(runIds);
        int purged = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            purged += purgeChunk(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return purged;
    }

    private int purgeChunk(List<String> runIds) {
        try (Connection db = dataSource.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                List<Long> instances = instancesOf(db, runIds);
                if (!instances.isEmpty()) {
                    deleteInstances(db, instances);
                }
                db.commit();
                return instances.size();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the jobs of runs " + runIds + " could not be deleted from the job"
                    + " repository: " + e.getMessage(), e);
        }
    }

    private static List<Long> instancesOf(Connection db, List<String> runIds) throws SQLException {
        String sql = "SELECT DISTINCT e.FK_JOBINSTANCEID FROM " + EXECUTIONS + " e JOIN " + PARAMETERS + " p ON"
                + " p.FK_JOBEXECID = e.JOBEXECID WHERE p.NAME = '" + FlowJobNames.RUN_ID + "' AND p.VALUE IN ("
                + marks(runIds.size()) + ")" + ALL_ENDED;
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < runIds.size(); i++) {
                query.setString(i + 1, runIds.get(i));
            }
            var instances = new ArrayList<Long>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    instances.add(rows.getLong(1));
                }
            }
            return instances;
        }
    }

    /** Children first: parameters, partitions and step instances, partition steps, top-level steps, then the rest. */
    private static void deleteInstances(Connection db, List<Long> instances) throws SQLException {
        String in = "(" + marks(instances.size()) + ")";
        String executionsOf = "(SELECT JOBEXECID FROM " + EXECUTIONS + " WHERE FK_JOBINSTANCEID IN " + in + ")";
        List<String> statements = List.of(
                "DELETE FROM " + PARAMETERS + " WHERE FK_JOBEXECID IN " + executionsOf,
                "DELETE FROM " + PARTITIONS + " WHERE FK_JOBEXECUTIONID IN " + executionsOf,
                "DELETE FROM " + STEP_INSTANCES + " WHERE FK_JOBINSTANCEID IN " + in,
                // A partition's step execution refers to its top-level one, which refers to itself.
                "DELETE FROM " + STEP_EXECUTIONS + " WHERE FK_JOBEXECID IN " + executionsOf
                        + " AND FK_TOPLVL_STEPEXECID <> STEPEXECID",
                "DELETE FROM " + STEP_EXECUTIONS + " WHERE FK_JOBEXECID IN " + executionsOf,
                "DELETE FROM " + EXECUTIONS + " WHERE FK_JOBINSTANCEID IN " + in,
                "DELETE FROM " + GROUPS + " WHERE FK_JOBINSTANCEID IN " + in,
                "DELETE FROM " + INSTANCES + " WHERE JOBINSTANCEID IN " + in);
        for (String sql : statements) {
            try (PreparedStatement delete = db.prepareStatement(sql)) {
                for (int i = 0; i < instances.size(); i++) {
                    delete.setLong(i + 1, instances.get(i));
                }
                delete.executeUpdate();
            }
        }
    }

    /** How many rows each of the repository's tables holds, for operators watching it grow (or not). */
    public Map<String, Long> rowCounts() {
        var counts = new LinkedHashMap<String, Long>();
        try (Connection db = dataSource.getConnection()) {
            for (String table : List.of(INSTANCES, EXECUTIONS, PARAMETERS, STEP_EXECUTIONS, STEP_INSTANCES,
                    PARTITIONS, GROUPS)) {
                try (PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM " + table);
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    counts.put(table.substring(SCHEMA.length()), rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the job repository could not be read: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(counts);
    }

    private static String marks(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }
}
