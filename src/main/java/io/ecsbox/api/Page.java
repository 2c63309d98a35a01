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
}
