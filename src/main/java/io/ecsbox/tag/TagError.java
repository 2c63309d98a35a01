package io.ecsbox.tag;

import io.ecsbox.common.Condition;
import io.ecsbox.common.ServiceException;

/** What the tag actions refuse. */
public enum TagError implements Condition {
  /** A resource type that has no tags here. */
  RESOURCE_TYPE_NOT_FOUND,
  /** No resource of the type with the id in the caller's account. */
  RESOURCE_NOT_FOUND,
  /** The resource would carry more than {@link Tags#MAX_PER_RESOURCE} tags. */
  TOO_MANY_TAGS;

  static ServiceException typeNotFound(String type) {
    return new ServiceException(RESOURCE_TYPE_NOT_FOUND, "The specified ResourceType " + type
        + " is not one of instance, disk, snapshot, image, securitygroup, eni, VPC, VSWITCH, EIP, keypair.");
  }

  static ServiceException resourceNotFound(ResourceType type, String id) {
    return new ServiceException(RESOURCE_NOT_FOUND,
        "The specified ResourceId " + id + " is not a " + type.apiName() + " of this account.");
  }

  static ServiceException tooMany(String id, int count) {
    return new ServiceException(TOO_MANY_TAGS, "The resource " + id + " would carry " + count
        + " tags; a resource carries at most " + Tags.MAX_PER_RESOURCE + ".");
  }
}
