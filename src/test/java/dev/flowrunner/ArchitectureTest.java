package dev.flowrunner;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages' dependencies point one way: api, live and metrics → application → domain ← infrastructure; batch
 * adapts the application to the batch runtime; worker is the pod-side program built from the adapters. So the run
 * logic is tested without a batch runtime or a database, an adapter can be swapped without touching what uses its
 * port, and a reader follows a run through the package names alone. Checked on the compiled production classes.
 */
class ArchitectureTest {

    private static final String DOMAIN = "dev.flowrunner.domain..";
    private static final String APPLICATION = "dev.flowrunner.application..";
    private static final String INFRASTRUCTURE = "dev.flowrunner.infrastructure..";
    private static final String API = "dev.flowrunner.api..";
    private static final String LIVE = "dev.flowrunner.live..";
    private static final String METRICS = "dev.flowrunner.metrics..";
    private static final String BATCH = "dev.flowrunner.batch..";
    private static final String WORKER = "dev.flowrunner.worker..";
    private static final String CONFIGURATION = "dev.flowrunner.configuration..";
    private static final String REPORT = "dev.flowrunner.application.report..";
    private static final String SCHEDULE = "dev.flowrunner.application.schedule..";
    private static final String HISTORY = "dev.flowrunner.application.history..";
    private static final String EVENTS = "dev.flowrunner.application.events..";
    private static final String ERRORS = "dev.flowrunner.application.errors..";
    private static final String CATALOG = "dev.flowrunner.application.catalog..";
    private static final String EXECUTION = "dev.flowrunner.application.execution..";
    private static final String DISPATCH = "dev.flowrunner.application.dispatch..";
    private static final String RUNS = "dev.flowrunner.application";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flowrunner");
    }

    @Test
    void theDomainDependsOnNoOtherPackage() {
        check(noClasses().that().resideInAPackage(DOMAIN).should().dependOnClassesThat()
                .resideInAnyPackage(APPLICATION, INFRASTRUCTURE, API, LIVE, METRICS, BATCH, WORKER, CONFIGURATION));
    }

    /** Every part may read its settings; the settings know nothing of the parts that read them. */
    @Test
    void theSettingsDependOnNoOtherPackage() {
        check(noClasses().that().resideInAPackage(CONFIGURATION).should().dependOnClassesThat()
                .resideInAnyPackage(DOMAIN, APPLICATION, INFRASTRUCTURE, API, LIVE, METRICS, BATCH, WORKER));
    }

    @Test
    void theApplicationKnowsOnlyTheDomainsPorts() {
        check(noClasses().that().resideInAPackage(APPLICATION).should().dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE, API, LIVE, METRICS, BATCH, WORKER));
    }

    @Test
    void adaptersImportOnlyTheDomainAndTheirSettings() {
        check(noClasses().that().resideInAPackage(INFRASTRUCTURE).should().dependOnClassesThat()
                .resideInAnyPackage(APPLICATION, API, LIVE, METRICS, BATCH, WORKER));
    }

    @Test
    void theApiLiveChannelsAndMetricsUseNoAdapter() {
        check(noClasses().that().resideInAnyPackage(API, LIVE, METRICS).should().dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE, BATCH, WORKER));
    }

    @Test
    void theBatchAdapterGoesThroughTheApplication() {
        check(noClasses().that().resideInAPackage(BATCH).should().dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE, API, LIVE, METRICS, WORKER));
    }

    @Test
    void theWorkerProgramStaysOutOfTheServer() {
        check(noClasses().that().resideInAPackage(WORKER).should().dependOnClassesThat()
                .resideInAnyPackage(APPLICATION, API, LIVE, METRICS, BATCH));
    }

    /**
     * Inside the application, one layer over the next: a scenario's attempts on workers (execution) know only the
     * runs' events; a group's queue and slots (dispatch) use them and the history's durations; the runs (the package
     * itself: start, stop, recovery, flow jobs) use the execution, never a group's dispatch, which the batch adapter
     * drives; schedules and reports use the runs, which use the scenario history, never the other way; the projects'
     * catalog uses only the history. All of them announce and hear the runs' events and raise the application's
     * errors, which know none of them: each part can be read, and changed, knowing only what it uses.
     */
    @Test
    void theApplicationsPartsDependOneWay() {
        check(noClasses().that().resideInAPackage(EXECUTION).should().dependOnClassesThat()
                .resideInAnyPackage(RUNS, DISPATCH, REPORT, SCHEDULE, CATALOG, HISTORY));
        check(noClasses().that().resideInAPackage(DISPATCH).should().dependOnClassesThat()
                .resideInAnyPackage(RUNS, REPORT, SCHEDULE, CATALOG));
        check(noClasses().that().resideInAPackage(RUNS).should().dependOnClassesThat()
                .resideInAnyPackage(DISPATCH, REPORT, SCHEDULE));
        check(noClasses().that().resideInAPackage(HISTORY).should()
                .dependOnClassesThat().resideInAnyPackage(RUNS, EXECUTION, DISPATCH, REPORT, SCHEDULE));
        check(noClasses().that().resideInAPackage(REPORT).should().dependOnClassesThat().resideInAPackage(SCHEDULE));
        check(noClasses().that().resideInAPackage(SCHEDULE).should().dependOnClassesThat().resideInAPackage(REPORT));
        check(noClasses().that().resideInAnyPackage(EVENTS, ERRORS).should().dependOnClassesThat()
                .resideInAnyPackage(RUNS, EXECUTION, DISPATCH, REPORT, SCHEDULE, HISTORY, CATALOG));
        check(noClasses().that().resideInAPackage(CATALOG).should().dependOnClassesThat()
                .resideInAnyPackage(RUNS, EXECUTION, DISPATCH, REPORT, SCHEDULE));
        check(slices().matching("dev.flowrunner.application.(*)..").should().beFreeOfCycles());
    }

    @Test
    void noTwoTopLevelPackagesDependOnEachOther() {
        check(slices().matching("dev.flowrunner.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
