package io.ecsbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lines STYLE.md draws: one package talks to libvirt, one runs processes, no shell strings. */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/io/ecsbox");

  private static List<Path> sourcesContaining(String text) throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains(text);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void onlyTheLibvirtAdapterImportsLibvirt() throws IOException {
    List<Path> users = sourcesContaining("import org.libvirt");
    assertFalse(users.isEmpty());
    users.forEach(p -> assertEquals(MAIN.resolve("host/libvirt"), p.getParent(), p + " imports org.libvirt"));
  }

  @Test
  void onlyTheHostPackageStartsProcesses() throws IOException {
    for (String api : List.of("ProcessBuilder", "Runtime.getRuntime().exec")) {
      sourcesContaining(api).forEach(p -> assertEquals(MAIN.resolve("host/exec"), p.getParent(), p + " uses " + api));
    }
  }

  @Test
  void noShellCommandStrings() throws IOException {
    for (String shell : List.of("\"sh\", \"-c\"", "\"bash\", \"-c\"", "\"/bin/sh\"")) {
      assertEquals(List.of(), sourcesContaining(shell), "host commands are argument arrays, never a shell");
    }
  }
}
