package io.ecsbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lines the code keeps (README, Layout): two sides that meet only at the agent seam, no
 * package cycles, one package that talks to libvirt, one that runs processes, no shell strings.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ecsbox");

  /** The control side: it decides, and reaches a host only through the agent interfaces. */
  static final String[] CONTROL = {"io.ecsbox.api..", "io.ecsbox.account..", "io.ecsbox.compute..",
      "io.ecsbox.storage..", "io.ecsbox.network..", "io.ecsbox.scheduler..", "io.ecsbox.store..",
      "io.ecsbox.tag.."};

  @Test
  void noPackageCycles() {
    slices().matching("io.ecsbox.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theHostSideNeverReachesTheControlSide() {
    noClasses().that().resideInAPackage("io.ecsbox.host..").should().dependOnClassesThat()
        .resideInAnyPackage(CONTROL).orShould().dependOnClassesThat()
        .resideInAnyPackage("io.ecsbox.daemon..", "io.ecsbox.config..", "io.ecsbox.cli..", "io.ecsbox.bench..")
        .check(MAIN);
  }

  @Test
  void theControlSideReachesHostsOnlyThroughTheAgent() {
    noClasses().that().resideInAnyPackage(CONTROL).should().dependOnClassesThat()
        .resideInAnyPackage("io.ecsbox.host..", "io.ecsbox.daemon..", "io.ecsbox.config..", "io.ecsbox.cli..",
            "io.ecsbox.bench..")
        .check(MAIN);
  }

  @Test
  void theControlSideTouchesNoFiles() {
    noClasses().that().resideInAnyPackage(CONTROL).should().dependOnClassesThat().belongToAnyOf(
        java.nio.file.Files.class, java.nio.channels.FileChannel.class, java.io.File.class,
        java.io.RandomAccessFile.class, java.io.FileInputStream.class, java.io.FileOutputStream.class)
        .check(MAIN);
  }

  @Test
  void theSeamHoldsOnlyItsOwnPlainValues() {
    classes().that().resideInAPackage("io.ecsbox.agent..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.ecsbox.agent..", "io.ecsbox.common..", "java..")
        .check(MAIN);
  }

  @Test
  void servicesDecideConditionsAndOnlyTheApiChoosesEcsCodes() {
    noClasses().that().resideOutsideOfPackages("io.ecsbox.api..").should().dependOnClassesThat()
        .haveFullyQualifiedName("io.ecsbox.api.errors.EcsException")
        .check(MAIN);
  }

  @Test
  void theControlSideTakesTimeFromAnInjectedClock() {
    noClasses().that().resideInAnyPackage(CONTROL).should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(MAIN);
    // a constructor may default to the system clock; logic reads the clock it was given
    classes().that().resideInAnyPackage(CONTROL).should(new ArchCondition<JavaClass>("read no system clock in a method") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaMethod m : c.getMethods()) {
          m.getMethodCallsFromSelf().stream()
              .filter(call -> call.getTargetOwner().isEquivalentTo(java.time.Clock.class)
                  && call.getName().startsWith("system"))
              .forEach(call -> events.add(SimpleConditionEvent.violated(call, call.getDescription())));
        }
      }
    }).check(MAIN);
  }

  @Test
  void onlyTheLibvirtAdapterUsesLibvirt() {
    noClasses().that().resideOutsideOfPackage("io.ecsbox.host.libvirt").should().dependOnClassesThat()
        .resideInAPackage("org.libvirt..").check(MAIN);
  }

  @Test
  void onlyTheCommandRunnerStartsProcesses() {
    noClasses().that().resideOutsideOfPackage("io.ecsbox.host.exec").should().dependOnClassesThat()
        .belongToAnyOf(ProcessBuilder.class).orShould().callMethod(Runtime.class, "exec", String.class)
        .check(MAIN);
  }

  @Test
  void noShellCommandStrings() throws IOException {
    for (String shell : List.of("\"sh\", \"-c\"", "\"bash\", \"-c\"", "\"/bin/sh\"")) {
      assertEquals(List.of(), sourcesContaining(shell), "host commands are argument arrays, never a shell");
    }
  }

  private static List<Path> sourcesContaining(String text) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/ecsbox"))) {
      return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains(text);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
