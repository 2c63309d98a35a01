package io.ecsbox.host.metadata;

import java.nio.charset.StandardCharsets;

/** One HTTP answer of the metadata service: status, content type, body. */
record MetadataReply(int status, String contentType, byte[] body) {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";
  static final String BYTES = "application/octet-stream";

  static MetadataReply text(String s) {
    return new MetadataReply(200, TEXT, s.getBytes(StandardCharsets.UTF_8));
  }

  static MetadataReply json(String s) {
    return new MetadataReply(200, JSON, s.getBytes(StandardCharsets.UTF_8));
  }

  static MetadataReply status(int status) {
    return new MetadataReply(status, TEXT, reason(status).getBytes(StandardCharsets.UTF_8));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status " + status;
    };
  }
}
