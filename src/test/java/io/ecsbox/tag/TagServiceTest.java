package io.ecsbox.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.common.ServiceException;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag rules on a real store: per account, all or nothing, gone with the resource. */
class TagServiceTest {
  @TempDir Path dir;
  private Database db;
  private TagService tags;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    Map<String, List<String>> disks = Map.of("acc-a", List.of("d-1", "d-2"), "acc-b", List.of("d-9"));
    tags = new TagService(new TagStore(db), Map.of(
        ResourceType.DISK, a -> disks.getOrDefault(a, List.of()),
        ResourceType.VPC, a -> a.equals("acc-a") ? List.of("vpc-1") : List.of()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static ServiceException refused(Runnable r) {
    return assertThrows(ServiceException.class, r::run);
  }

  @Test
  void tagUntagList() {
    tags.tag("acc-a", ResourceType.DISK, List.of("d-1", "d-2"), Map.of("env", "lab", "team", "x"));
    tags.tag("acc-a", ResourceType.DISK, List.of("d-1"), Map.of("env", "prod"));
    assertEquals(Map.of("env", "prod", "team", "x"), tags.of("d-1"));
    tags.untag("acc-a", ResourceType.DISK, List.of("d-2"), List.of("team"), false);
    assertEquals(Map.of("env", "lab"), tags.of("d-2"));
    assertEquals(java.util.Set.of(new TagService.Tagged("d-1", ResourceType.DISK, "env", "prod"),
        new TagService.Tagged("d-1", ResourceType.DISK, "team", "x")),
        java.util.Set.copyOf(tags.list("acc-a", ResourceType.DISK, List.of(), Map.of("team", ""))));
    assertEquals(3, tags.list("acc-a", ResourceType.DISK, List.of(), Map.of()).size());
    tags.untag("acc-a", ResourceType.DISK, List.of("d-1"), List.of(), true);
    assertEquals(Map.of(), tags.of("d-1"));
  }

  @Test
  void refusalsChangeNothing() {
    tags.tag("acc-a", ResourceType.DISK, List.of("d-1"), Map.of("keep", "me"));
    assertEquals(TagError.RESOURCE_TYPE_NOT_FOUND, refused(() -> tags.type("unicorn")).condition());
    assertEquals(TagError.RESOURCE_TYPE_NOT_FOUND, refused(() -> tags.type("instance")).condition(),
        "a type without resources wired is not taggable");
    assertEquals(ResourceType.VPC, tags.type("VPC"));
    // another account's disk: not found, and the caller's own disk in the same call is untouched
    assertEquals(TagError.RESOURCE_NOT_FOUND,
        refused(() -> tags.tag("acc-a", ResourceType.DISK, List.of("d-1", "d-9"), Map.of("x", "y"))).condition());
    assertEquals(TagError.RESOURCE_NOT_FOUND,
        refused(() -> tags.untag("acc-b", ResourceType.DISK, List.of("d-1"), List.of(), true)).condition());
    assertEquals(TagError.RESOURCE_NOT_FOUND,
        refused(() -> tags.list("acc-b", ResourceType.DISK, List.of("d-1"), Map.of())).condition());
    assertEquals(TagError.RESOURCE_NOT_FOUND,
        refused(() -> tags.tag("acc-a", ResourceType.VPC, List.of("d-1"), Map.of("x", "y"))).condition(),
        "an id of another type");
    Map<String, String> twenty = new java.util.HashMap<>();
    for (int n = 0; n < 20; n++) {
      twenty.put("k" + n, "v");
    }
    // d-2 could take them, d-1 (one tag already) cannot: neither changes
    assertEquals(TagError.TOO_MANY_TAGS,
        refused(() -> tags.tag("acc-a", ResourceType.DISK, List.of("d-2", "d-1"), twenty)).condition());
    assertEquals(Map.of("keep", "me"), tags.of("d-1"));
    assertEquals(Map.of(), tags.of("d-2"));
    assertEquals(List.of(), tags.list("acc-b", ResourceType.DISK, List.of(), Map.of()));
  }

  @Test
  void deleteOfDropsTheResourcesTags() {
    tags.tag("acc-a", ResourceType.DISK, List.of("d-1", "d-2"), Map.of("a", "b"));
    db.tx(c -> {
      TagStore.deleteOf(c, "d-1");
      return null;
    });
    assertEquals(Map.of(), tags.of("d-1"));
    assertEquals(Map.of("a", "b"), tags.of("d-2"));
  }
}
