package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One journal per state directory, whether the second one is in this JVM or in another process. */
class StateDirectoryLockTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("leases.journal");
    }

    @Test
    void aSecondJournalInTheSameJvmIsRefusedWithOneSentenceNamingTheDirectory() {
        Journal first = Journal.open(file()).journal();
        assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(IllegalStateException.class)
                .hasMessage("The scoped-token state directory " + dir.toAbsolutePath() + " is in use by another"
                        + " controller or engine (this process holds its ledger.lock); stop that instance or give each"
                        + " one its own state directory.");
        first.appendDurably(JournalWriteFailureTest.record("a")); // the refused attempt took nothing from the first
        first.close();
        Journal again = Journal.open(file()).journal();
        again.close();
    }

    @Test
    void anotherProcessIsRefusedWhileTheLockIsHeldAndTheLockDiesWithItsProcess() throws Exception {
        Process holder = child("hold");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("HOLDING");
            assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("process " + holder.pid() + " holds its ledger.lock");
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: the OS drops the lock, nothing stale remains
        }

        Journal mine = Journal.open(file()).journal();
        try {
            Process refused = child("try");
            String said;
            try {
                said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(refused.waitFor(5, TimeUnit.MINUTES)).isTrue();
            } finally {
                refused.destroyForcibly();
            }
            assertThat(said).startsWith("REFUSED The scoped-token state directory")
                    .contains("process " + ProcessHandle.current().pid() + " holds its ledger.lock");
        } finally {
            mine.close();
        }
    }

    private Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockChild.class.getName(), mode, file().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
