package dev.rebound.recovery.retry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The usual paydays: the 1st and the 15th (paid on the business day before when they fall on a weekend) and the
 * last business day of the month. Money for an "insufficient funds" invoice most likely arrives then.
 */
public final class Paydays {

    private Paydays() {
    }

    /** The first payday on or after {@code day}. */
    public static LocalDate onOrAfter(LocalDate day) {
        LocalDate candidate = day;
        for (int i = 0; i < 40; i++) {
            if (isPayday(candidate)) {
                return candidate;
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("no payday within 40 days of " + day);
    }

    public static boolean isPayday(LocalDate day) {
        return day.equals(businessDayOnOrBefore(day.withDayOfMonth(1)))
                || day.equals(businessDayOnOrBefore(day.withDayOfMonth(15)))
                || day.equals(businessDayOnOrBefore(day.plusMonths(1).withDayOfMonth(1)))
                || day.equals(businessDayOnOrBefore(day.plusMonths(1).withDayOfMonth(15)))
                || day.equals(businessDayOnOrBefore(day.with(TemporalAdjusters.lastDayOfMonth())));
    }

    private static LocalDate businessDayOnOrBefore(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }
}
