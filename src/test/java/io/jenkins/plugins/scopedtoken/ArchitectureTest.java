package io.jenkins.plugins.scopedtoken;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the engine free of Jenkins and the adapters out of each other's internals (DESIGN.md, layers). */
@AnalyzeClasses(packages = "io.jenkins.plugins.scopedtoken", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] ENGINE = {
        "..scopedtoken.token..", "..scopedtoken.issuer..", "..scopedtoken.ledger..", "..scopedtoken.masking..",
        "..scopedtoken.audit..", "..scopedtoken.policy..", "..scopedtoken.broker..", "..scopedtoken.cli.."
    };

    @ArchTest
    static final ArchRule engine_is_jenkins_free = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "hudson..", "jenkins..", "org.jenkinsci..", "com.cloudbees..", "org.kohsuke.stapler..", "net.sf.json..")
            .because("the engine is tested here without Jenkins and reused by the command line");

    @ArchTest
    static final ArchRule engine_does_not_reach_adapters = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..scopedtoken.pipeline..", "..scopedtoken.credentials..", "..scopedtoken.build..", "..scopedtoken.admin..",
                    "..scopedtoken.profiles..")
            .because("adapters depend on the engine, never the reverse");

    @ArchTest
    static final ArchRule vocabulary_depends_on_nothing_else = noClasses().that().resideInAPackage("..scopedtoken.token..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..scopedtoken.issuer..", "..scopedtoken.ledger..", "..scopedtoken.masking..", "..scopedtoken.audit..",
                    "..scopedtoken.policy..", "..scopedtoken.broker..", "..scopedtoken.cli..", "okhttp3..",
                    "com.fasterxml..")
            .because("the vocabulary is the bottom layer");

    @ArchTest
    static final ArchRule packages_form_layers_without_cycles = slices().matching("io.jenkins.plugins.scopedtoken.(*)..")
            .should().beFreeOfCycles()
            .because("each package is a layer or an adapter; a cycle means one reaches into another's internals");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_others_entry_points = noClasses().that()
            .resideInAnyPackage("..scopedtoken.pipeline..", "..scopedtoken.build..", "..scopedtoken.credentials..",
                    "..scopedtoken.admin..", "..scopedtoken.profiles..")
            .should().dependOnClassesThat().resideInAnyPackage("..scopedtoken.cli..")
            .because("the command line is a separate face of the engine, not a library for the Jenkins adapters");
}
