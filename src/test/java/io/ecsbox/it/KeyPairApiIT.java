package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.CreateKeyPairRequest;
import com.aliyuncs.ecs.model.v20140526.CreateKeyPairResponse;
import com.aliyuncs.ecs.model.v20140526.DeleteKeyPairsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeKeyPairsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeKeyPairsResponse;
import com.aliyuncs.ecs.model.v20140526.ImportKeyPairRequest;
import com.aliyuncs.ecs.model.v20140526.ImportKeyPairResponse;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.exceptions.ClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Key pairs through the official SDK, checked with the real ssh-keygen; per account. */
class KeyPairApiIT {
  private static EcsboxHarness h;
  private static AccountClient a;
  private static AccountClient b;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("keypairs");
    a = AccountClient.create(h, "kp-a");
    b = AccountClient.create(h, "kp-b");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
    return out;
  }

  private static String md5(Path pub) throws Exception {
    return run("ssh-keygen", "-l", "-E", "md5", "-f", pub.toString()).split(" ")[1].substring(4).replace(":", "");
  }

  private static String code(Executable call) {
    return assertThrows(ClientException.class, call).getErrCode();
  }

  private static List<DescribeKeyPairsResponse.KeyPair> describe(AccountClient who, String name) throws Exception {
    DescribeKeyPairsRequest r = new DescribeKeyPairsRequest();
    if (name != null) {
      r.setKeyPairName(name);
    }
    r.setPageSize(50);
    return who.call(r).getKeyPairs();
  }

  private static ImportKeyPairRequest importing(String name, String body) {
    ImportKeyPairRequest r = new ImportKeyPairRequest();
    r.setKeyPairName(name);
    r.setPublicKeyBody(body);
    return r;
  }

  @Test
  void createImportDescribeDeleteThroughTheSdk() throws Exception {
    CreateKeyPairRequest cr = new CreateKeyPairRequest();
    cr.setKeyPairName("made-here");
    CreateKeyPairResponse made = a.call(cr);
    assertTrue(made.getKeyPairId().startsWith("kp-"));
    Path pem = dir.resolve("made.pem");
    Files.writeString(pem, made.getPrivateKeyBody());
    Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
    Path derived = dir.resolve("made.pub");
    Files.writeString(derived, run("ssh-keygen", "-y", "-f", pem.toString()));
    assertEquals(md5(derived), made.getKeyPairFingerPrint(), "the PEM's public part is the stored key");

    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "me@lab", "-f", dir.resolve("mine").toString());
    Path pub = dir.resolve("mine.pub");
    ImportKeyPairResponse imported = a.call(importing("brought-in", Files.readString(pub)));
    assertEquals(md5(pub), imported.getKeyPairFingerPrint());

    List<DescribeKeyPairsResponse.KeyPair> all = describe(a, null);
    assertEquals(2, all.size());
    DescribeKeyPairsResponse.KeyPair m = describe(a, "made-*").get(0);
    assertEquals("made-here", m.getKeyPairName());
    assertEquals(made.getKeyPairFingerPrint(), m.getKeyPairFingerPrint());
    assertEquals(Files.readString(derived).strip().split(" ")[1], m.getPublicKey().split(" ")[1]);
    assertTrue(m.getCreationTime().endsWith("Z"), m.getCreationTime());
    assertEquals(1, describe(a, "*-in").size());
    DescribeKeyPairsRequest byFp = new DescribeKeyPairsRequest();
    byFp.setKeyPairFingerPrint(made.getKeyPairFingerPrint().replaceAll("(..)(?!$)", "$1:").toUpperCase());
    assertEquals(List.of("made-here"), a.call(byFp).getKeyPairs().stream().map(k -> k.getKeyPairName()).toList());

    assertEquals("KeyPair.AlreadyExist", code(() -> a.call(cr)));
    assertEquals("InvalidPublicKeyBody.Malformed", code(() -> a.call(importing("bad", "ssh-rsa AAAAB3NzaC1yc2E"))));
    assertEquals("InvalidKeyPairName.Malformed", code(() -> a.call(importing("1bad", Files.readString(pub)))));
    assertEquals(2, describe(a, null).size(), "refused calls changed nothing");

    TagResourcesRequest tr = new TagResourcesRequest();
    tr.setResourceType("keypair");
    tr.setResourceIds(List.of(made.getKeyPairId()));
    tr.setTags(List.of(tag("team", "lab")));
    a.call(tr);
    ListTagResourcesRequest lt = new ListTagResourcesRequest();
    lt.setResourceType("keypair");
    lt.setResourceIds(List.of(made.getKeyPairId()));
    assertEquals("lab", a.call(lt).getTagResources().get(0).getTagValue());
    assertEquals("lab", describe(a, "made-here").get(0).getTags().get(0).getTagValue());

    assertEquals(0, describe(b, null).size(), "B sees none of A's key pairs");
    DeleteKeyPairsRequest dr = new DeleteKeyPairsRequest();
    dr.setKeyPairNames("[\"made-here\"]");
    assertEquals("InvalidKeyPairName.NotFound", code(() -> b.call(dr)));
    lt.setResourceIds(List.of(made.getKeyPairId()));
    assertTrue(code(() -> b.call(lt)).endsWith("NotFound"), "B cannot list A's key pair's tags");
    b.call(importing("made-here", Files.readString(pub))); // B's own name space
    assertEquals(1, describe(b, null).size());

    DeleteKeyPairsRequest both = new DeleteKeyPairsRequest();
    both.setKeyPairNames("[\"made-here\",\"nobody\"]");
    assertEquals("InvalidKeyPairName.NotFound", code(() -> a.call(both)));
    assertEquals(2, describe(a, null).size(), "an unknown name deletes none");
    both.setKeyPairNames("[\"made-here\",\"brought-in\"]");
    a.call(both);
    assertEquals(0, describe(a, null).size());
    assertEquals(1, describe(b, null).size());
  }

  private static TagResourcesRequest.Tag tag(String k, String v) {
    TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
    t.setKey(k);
    t.setValue(v);
    return t;
  }
}
