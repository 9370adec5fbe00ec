package dev.snoop.bench.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items with probability proportional to their weight, by binary search on the sums. */
final class WeightedPicker<T> {
  private final List<T> items;
  private final double[] cumulative;

  private WeightedPicker(List<T> items, double[] cumulative) {
    this.items = items;
    this.cumulative = cumulative;
  }

  /** The items with a positive weight; empty when none has one. */
  static <T> WeightedPicker<T> of(List<T> candidates, ToDoubleFunction<T> weight) {
    List<T> items = new ArrayList<>();
    double[] sums = new double[candidates.size()];
    double sum = 0;
    for (T item : candidates) {
      double w = weight.applyAsDouble(item);
      if (w > 0) {
        sum += w;
        sums[items.size()] = sum;
        items.add(item);
      }
    }
    return new WeightedPicker<>(List.copyOf(items), Arrays.copyOf(sums, items.size()));
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  T pick(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, target);
    i = i >= 0 ? i + 1 : -i - 1;
    return items.get(Math.min(i, items.size() - 1));
  }
}
