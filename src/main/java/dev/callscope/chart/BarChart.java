package dev.callscope.chart;

import java.util.List;

/** Bars over labelled bins (not time), such as a duration distribution. */
public record BarChart(String title, String subtitle, List<String> labels, double[] values, int rgb) {}
