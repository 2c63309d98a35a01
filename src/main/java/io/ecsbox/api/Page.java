package io.ecsbox.api;

import java.util.List;

/** One page of a listing, with ECS paging (PageNumber from 1, PageSize default 10). */
public record Page<T>(List<T> items, int number, int size, int total) {
  public static <T> Page<T> of(List<T> all, Params p, int maxSize) {
    int number = p.intValue("PageNumber", 1, 1, Integer.MAX_VALUE);
    int size = p.intValue("PageSize", 10, 1, maxSize);
    long from = (long) (number - 1) * size;
    List<T> items = from >= all.size() ? List.of()
        : all.subList((int) from, (int) Math.min(all.size(), from + size));
    return new Page<>(items, number, size, all.size());
  }

  /**
   * Pages {@code all} by MaxResults/NextToken when either is given, else by
   * PageNumber/PageSize, writes the paging fields into {@code out} and returns the page.
   */
  public static <T> List<T> write(com.fasterxml.jackson.databind.node.ObjectNode out, List<T> all, Params p,
      int maxPageSize, int maxResults) {
    if (p.has("MaxResults") || p.has("NextToken")) {
      int max = p.intValue("MaxResults", 10, 1, maxResults);
      int from = p.intValue("NextToken", 0, 0, Integer.MAX_VALUE);
      int to = Math.min(all.size(), from + max);
      out.put("NextToken", to < all.size() ? String.valueOf(to) : "").put("TotalCount", all.size())
          .put("PageNumber", 1).put("PageSize", max);
      return all.subList(Math.min(from, to), to);
    }
    Page<T> page = of(all, p, maxPageSize);
    Json.paging(out, page);
    out.put("NextToken", "");
    return page.items();
  }
}
