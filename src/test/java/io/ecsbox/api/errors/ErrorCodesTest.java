package io.ecsbox.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every condition a service can raise has its ECS code and status, in one table. */
class ErrorCodesTest {
  private static List<Condition> allConditions() {
    List<Condition> out = new ArrayList<>();
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ecsbox")) {
      if (c.isEnum() && c.isAssignableTo(Condition.class)) {
        for (Object constant : c.reflect().getEnumConstants()) {
          out.add((Condition) constant);
        }
      }
    }
    return out;
  }

  @Test
  void everyConditionHasACodeAndAnErrorStatus() {
    List<Condition> all = allConditions();
    assertTrue(all.size() > 10, "found the condition enums: " + all);
    List<String> missing = new ArrayList<>();
    for (Condition c : all) {
      ErrorCodes.Code code = ErrorCodes.all().get(c);
      if (code == null) {
        missing.add(c.getClass().getSimpleName() + "." + c.name());
      } else {
        assertTrue(code.status() >= 400 && code.status() < 600, c + ": " + code);
      }
    }
    assertEquals(List.of(), missing, "conditions without an ECS code");
  }

  @Test
  void theMessageIsTheServicesAndTheStatusTheTables() {
    ServiceException e = ServiceException.invalid("SystemDisk.Size", "too big");
    assertEquals(400, ErrorCodes.toEcs(e).httpStatus());
    assertEquals("InvalidParameter", ErrorCodes.toEcs(e).code());
    assertEquals("The specified parameter \"SystemDisk.Size\" is not valid: too big", ErrorCodes.toEcs(e).getMessage());
    assertEquals("MissingParameter", ErrorCodes.toEcs(ServiceException.missing("X")).code());
  }
}
