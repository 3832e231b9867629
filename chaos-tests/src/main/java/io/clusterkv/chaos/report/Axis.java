package io.clusterkv.chaos.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps data values to pixels along one axis and chooses its ticks: linear with "nice" steps (1, 2 or 5 times a
 * power of ten), or logarithmic with one tick per decade.
 */
record Axis(double min, double max, double fromPixel, double toPixel, boolean logarithmic) {

    static Axis linear(double max, double fromPixel, double toPixel) {
        return new Axis(0, max, fromPixel, toPixel, false);
    }

    /** A log axis spanning whole decades around the values; values must be positive. */
    static Axis logDecades(double lowest, double highest, double fromPixel, double toPixel) {
        double low = Math.pow(10, Math.floor(Math.log10(lowest)));
        // a value exactly on a decade gets the next one too, so no point sits on the frame
        double high = Math.pow(10, Math.floor(Math.log10(highest)) + 1);
        return new Axis(low, high > low ? high : low * 10, fromPixel, toPixel, true);
    }

    double pixel(double value) {
        double fraction = logarithmic
                ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return fromPixel + fraction * (toPixel - fromPixel);
    }

    List<Double> ticks(int roughCount) {
        List<Double> ticks = new ArrayList<>();
        if (logarithmic) {
            for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                ticks.add(tick);
            }
            return ticks;
        }
        double step = niceStep(max - min, roughCount);
        for (double tick = min; tick <= max + step / 1e6; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    /** @return the smallest nice number at or above {@code value}, to end an axis on a tick */
    static double niceCeiling(double value, int roughTicks) {
        if (value <= 0) {
            return 1;
        }
        double step = niceStep(value, roughTicks);
        return Math.ceil(value / step) * step;
    }

    static double niceStep(double range, int roughCount) {
        double rough = range / Math.max(1, roughCount);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double normalized = rough / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static String label(double value) {
        if (value != 0 && Math.abs(value) < 1) {
            return stripZeros(String.format(Locale.ROOT, "%.3f", value));
        }
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String stripZeros(String decimal) {
        String stripped = decimal.replaceAll("0+$", "");
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
