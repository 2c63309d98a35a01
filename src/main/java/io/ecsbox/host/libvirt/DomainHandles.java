package io.ecsbox.host.libvirt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lookups of libvirt domain handles that turn "no such domain" into an empty result.
 * Handles returned must be {@link #free freed} by the caller; the other helpers free theirs.
 */
final class DomainHandles {
  private static final Logger log = LoggerFactory.getLogger(DomainHandles.class);

  /** Whether a named domain exists and, if so, carries our mark for that name. */
  enum Ownership { ABSENT, OURS, FOREIGN }

  private DomainHandles() {}

  static Optional<Domain> lookup(Connect c, String name) throws LibvirtException {
    try {
      return Optional.of(c.domainLookupByName(name));
    } catch (LibvirtException e) {
      if (LibvirtErrors.isNoDomain(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** True when this domain XML marks the domain as ecsbox's under exactly this name. */
  static boolean ours(String name, String domainXml) {
    return name.equals(DomainXml.ownedInstanceId(domainXml).orElse(null));
  }

  static Ownership ownership(Connect c, String name) throws LibvirtException {
    Optional<Domain> found = lookup(c, name);
    if (found.isEmpty()) {
      return Ownership.ABSENT;
    }
    try {
      return ours(name, found.get().getXMLDesc(0)) ? Ownership.OURS : Ownership.FOREIGN;
    } catch (LibvirtException e) {
      if (LibvirtErrors.isNoDomain(e)) {
        return Ownership.ABSENT; // undefined meanwhile
      }
      throw e;
    } finally {
      free(found.get());
    }
  }

  /** Names of all domains, running (listed by id) and defined-but-stopped. */
  static Set<String> allNames(Connect c) throws LibvirtException {
    Set<String> names = new LinkedHashSet<>();
    for (int id : c.listDomains()) {
      Domain d;
      try {
        d = c.domainLookupByID(id);
      } catch (LibvirtException e) {
        if (LibvirtErrors.isNoDomain(e)) {
          continue; // stopped since it was listed; if persistent, listDefinedDomains has it
        }
        throw e;
      }
      try {
        names.add(d.getName());
      } finally {
        free(d);
      }
    }
    names.addAll(List.of(c.listDefinedDomains()));
    return names;
  }

  static void free(Domain d) {
    try {
      d.free();
    } catch (LibvirtException e) {
      log.debug("freeing a domain handle failed: {}", LibvirtErrors.message(e));
    }
  }
}
