package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.keypair.KeyPair;
import io.ecsbox.keypair.KeyPairService;
import io.ecsbox.keypair.OpenSshKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs and DeleteKeyPairs, as ECS 2014-05-26. */
public final class KeyPairActions {
  private static final int MAX_PAGE = 50;
  private static final int MAX_DELETE = 100;

  private final KeyPairService keyPairs;
  private final Function<String, Map<String, String>> tags;

  public KeyPairActions(KeyPairService keyPairs, Function<String, Map<String, String>> tags) {
    this.keyPairs = keyPairs;
    this.tags = tags;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateKeyPair", req -> {
      KeyPairService.Created c = keyPairs.create(req.accountId(), req.params().require("KeyPairName"));
      KeyPair k = c.keyPair();
      return Json.object().put("KeyPairName", k.name()).put("KeyPairId", k.id())
          .put("KeyPairFingerPrint", k.fingerprint()).put("PrivateKeyBody", c.privateKeyPem());
    });
    r.register("ImportKeyPair", req -> {
      Params p = req.params();
      KeyPair k = keyPairs.importKey(req.accountId(), p.require("KeyPairName"), p.require("PublicKeyBody"));
      return Json.object().put("KeyPairName", k.name()).put("KeyPairId", k.id())
          .put("KeyPairFingerPrint", k.fingerprint());
    });
    r.register("DescribeKeyPairs", this::describe);
    r.register("DeleteKeyPairs", req -> {
      List<String> names = req.params().jsonArray("KeyPairNames", MAX_DELETE)
          .orElseThrow(() -> EcsException.missing("KeyPairNames"));
      if (names.isEmpty()) {
        throw EcsException.missing("KeyPairNames");
      }
      keyPairs.delete(req.accountId(), names);
      return Json.object();
    });
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Pattern name = p.has("KeyPairName") ? wildcard(p.require("KeyPairName")) : null;
    String fp = p.has("KeyPairFingerPrint") ? OpenSshKey.normalFingerprint(p.require("KeyPairFingerPrint")) : null;
    Map<String, String> tagFilter = p.tags(20);
    List<KeyPair> match = keyPairs.list(req.accountId()).stream()
        .filter(k -> name == null || name.matcher(k.name()).matches())
        .filter(k -> fp == null || fp.equals(k.fingerprint()))
        .filter(k -> tagFilter.isEmpty() || tagsMatch(tags.apply(k.id()), tagFilter))
        .toList();
    ObjectNode out = Json.object();
    Page<KeyPair> page = Page.of(match, p, MAX_PAGE);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "KeyPairs", "KeyPair");
    for (KeyPair k : page.items()) {
      ObjectNode o = a.addObject();
      o.put("KeyPairName", k.name()).put("KeyPairId", k.id()).put("KeyPairFingerPrint", k.fingerprint())
          .put("PublicKey", k.publicKey()).put("CreationTime", Json.seconds(k.created()))
          .put("ResourceGroupId", "");
      Json.tags(o, tags.apply(k.id()));
    }
    return out;
  }

  // ECS's KeyPairName filter: '*' matches any run of characters, everything else literally.
  static Pattern wildcard(String filter) {
    return Pattern.compile(java.util.Arrays.stream(filter.split("\\*", -1)).map(Pattern::quote)
        .collect(java.util.stream.Collectors.joining(".*")));
  }

  private static boolean tagsMatch(Map<String, String> have, Map<String, String> want) {
    return want.entrySet().stream().allMatch(e -> have.containsKey(e.getKey())
        && (e.getValue().isEmpty() || e.getValue().equals(have.get(e.getKey()))));
  }
}
