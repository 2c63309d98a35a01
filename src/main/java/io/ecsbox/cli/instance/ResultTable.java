package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;

/** The per-instance results of StartInstances/StopInstances as a table. */
final class ResultTable {
  private ResultTable() {}

  static Table of(List<JsonNode> responses) {
    Table t = new Table("ID", "PREVIOUS", "CURRENT", "CODE", "MESSAGE");
    for (JsonNode x : responses) {
      t.row(Json.text(x, "InstanceId"), Json.text(x, "PreviousStatus"),
          Json.text(x, "CurrentStatus"), Json.text(x, "Code"), Json.text(x, "Message"));
    }
    return t;
  }
}
