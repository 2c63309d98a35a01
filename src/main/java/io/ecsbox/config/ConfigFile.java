package io.ecsbox.config;

import io.ecsbox.config.ConfigException.Problem;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The daemon's configuration file, {@value #DEFAULT} unless {@code --config FILE} names
 * another: {@code NAME=value} lines with the names of the environment variables, so the same
 * file also serves systemd's {@code EnvironmentFile=}. Blank lines and lines starting with
 * {@code #} or {@code ;} are comments; a value may be in single or double quotes. A name that
 * is no setting is an error (a typo in a file is not a request), as is a line that is no
 * assignment; both name the file and line.
 *
 * @param path    the file read, or null when there was none
 * @param entries name to its value and line, in file order
 */
public record ConfigFile(Path path, Map<String, Entry> entries) {
  public static final Path DEFAULT = Path.of("/etc/ecsbox/ecsbox.conf");
  /** No file: every setting comes from flags, the environment or its default. */
  public static final ConfigFile NONE = new ConfigFile(null, Map.of());
  private static final Pattern LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=[ \\t]*(.*)");
  /** Names the launcher or systemd use from the same file; not daemon settings, not errors. */
  private static final Set<String> PASSED_THROUGH = Set.of("ECSBOX_JAVA_OPTS", "MALLOC_ARENA_MAX", "JAVA_HOME");

  /** One assignment: its value (quotes removed) and the line it is on. */
  public record Entry(String value, int line) {}

  public ConfigFile {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The value of {@code name}, if the file sets it. */
  public Optional<Entry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** {@code /etc/ecsbox/ecsbox.conf:3} for messages and {@code config show}. */
  public String where(String name) {
    return path + ":" + entries.get(name).line();
  }

  /**
   * Reads {@code explicit} (the {@code --config} flag; it must exist), else {@code fallback} when it
   * exists, else {@link #NONE}. Throws ConfigException naming every bad line.
   */
  public static ConfigFile load(Path explicit, Path fallback) {
    Path path = explicit != null ? explicit : fallback;
    if (path == null || (explicit == null && !Files.exists(path))) {
      return NONE;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new Problem("--config", Reader.quote(path.toString()),
          "an existing file (" + path + " does not exist)")));
    } catch (MalformedInputException e) {
      throw new ConfigException(List.of(new Problem(path.toString(), "bytes that are not UTF-8", "a UTF-8 text file")));
    } catch (IOException e) {
      throw new ConfigException(List.of(new Problem(path.toString(), "a file it cannot read (" + e.getMessage() + ")",
          "a readable file")));
    }
    return parse(path, lines);
  }

  /** Parses the lines of {@code path}; throws ConfigException naming every bad line. */
  static ConfigFile parse(Path path, List<String> lines) {
    Set<String> known = Settings.ALL.stream().map(Setting::env).collect(Collectors.toSet());
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = path + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      var m = LINE.matcher(line);
      if (!m.matches()) {
        problems.add(new Problem(where, Reader.quote(line), "NAME=value, a comment (#) or a blank line"));
        continue;
      }
      String name = m.group(1);
      if (PASSED_THROUGH.contains(name)) {
        continue;
      }
      if (!known.contains(name)) {
        problems.add(new Problem(where, "'" + name + "'", "the name of a setting (see `ecsbox config show`)"));
        continue;
      }
      Optional<String> value = unquote(m.group(2));
      if (value.isEmpty()) {
        problems.add(new Problem(where, Reader.quote(m.group(2)), "a value without quotes or in matching quotes"));
        continue;
      }
      if (entries.containsKey(name)) {
        problems.add(new Problem(where, "a second " + name, "each name once (first on line "
            + entries.get(name).line() + ")"));
        continue;
      }
      entries.put(name, new Entry(value.get(), i + 1));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ConfigFile(path, entries);
  }

  // as systemd's EnvironmentFile: "v" and 'v' lose their quotes; a lone quote is a mistake
  private static Optional<String> unquote(String raw) {
    String v = raw.strip();
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      return Optional.of(v.substring(1, v.length() - 1));
    }
    if (v.startsWith("\"") || v.startsWith("'")) {
      return Optional.empty();
    }
    return Optional.of(v);
  }
}
