package io.ecsbox.compute;

import io.ecsbox.common.Ids;
import io.ecsbox.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code instance_events} table: system events, kept {@link #RETENTION} after they finish
 * (as ECS keeps finished events 30 days), the instance's own deletion notwithstanding.
 */
public final class InstanceEvents {
  public static final Duration RETENTION = Duration.ofDays(30);
  private static final String COLS =
      "event_id, instance_id, account_id, event_type, cycle_status, reason, published, finished";

  private final Database db;
  private final Clock clock;

  public InstanceEvents(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What a listing asks for; an empty collection does not filter, a null time is open. */
  public record Query(String accountId, Collection<String> instanceIds, Collection<String> eventIds,
      Collection<String> types, Collection<String> cycleStatuses, Instant publishedFrom, Instant publishedTo) {}

  /** Records an event that happened now to {@code instance}, and drops events past retention. */
  public InstanceEvent record(Instance instance, String type, String reason) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    InstanceEvent e = new InstanceEvent(Ids.next("e"), instance.id(), instance.accountId(), type,
        InstanceEvent.EXECUTED, reason, now, now);
    db.tx(c -> {
      Database.update(c, "INSERT INTO instance_events (" + COLS + ") VALUES (?,?,?,?,?,?,?,?)", e.id(),
          e.instanceId(), e.accountId(), e.type(), e.cycleStatus(), e.reason(), stamp(now), stamp(now));
      return Database.update(c, "DELETE FROM instance_events WHERE finished < ?", stamp(now.minus(RETENTION)));
    });
    return e;
  }

  /** The events matching {@code q}, newest first. */
  public List<InstanceEvent> list(Query q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLS + " FROM instance_events WHERE account_id = ?");
    List<Object> args = new ArrayList<>(List.of(q.accountId()));
    in(sql, args, "instance_id", q.instanceIds());
    in(sql, args, "event_id", q.eventIds());
    in(sql, args, "event_type", q.types());
    in(sql, args, "cycle_status", q.cycleStatuses());
    if (q.publishedFrom() != null) {
      sql.append(" AND published >= ?");
      args.add(stamp(q.publishedFrom()));
    }
    if (q.publishedTo() != null) {
      sql.append(" AND published <= ?");
      args.add(stamp(q.publishedTo()));
    }
    sql.append(" ORDER BY published DESC, event_id");
    return db.query(sql.toString(), InstanceEvents::row, args.toArray());
  }

  // A fixed width, so that text order is time order in range queries.
  private static final java.time.format.DateTimeFormatter STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  private static String stamp(Instant t) {
    return STAMP.format(t);
  }

  private static void in(StringBuilder sql, List<Object> args, String column, Collection<String> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
    args.addAll(values);
  }

  private static InstanceEvent row(ResultSet rs) throws SQLException {
    String finished = rs.getString(8);
    return new InstanceEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), Instant.parse(rs.getString(7)),
        finished == null ? null : Instant.parse(finished));
  }
}
