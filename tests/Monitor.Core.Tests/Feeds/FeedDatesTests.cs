using NewsMonitor.Feeds;

namespace NewsMonitor.Tests.Feeds;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Mon, 23 Nov 2026 10:00:00 +0100", "2026-11-23T09:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 GMT", "2026-11-23T10:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00 CET", "2026-11-23T09:00:00Z")]
    [InlineData("Fri, 10 Jul 2026 10:00:00 CEST", "2026-07-10T08:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 05:00:00 EST", "2026-11-23T10:00:00Z")]
    [InlineData("Fri, 10 Jul 2026 03:00:00 PDT", "2026-07-10T10:00:00Z")]
    [InlineData("23 Nov 2026 10:00:00 Z", "2026-11-23T10:00:00Z")]
    [InlineData("Mon,23 Nov 2026 10:00:00 +01:00", "2026-11-23T09:00:00Z")]
    [InlineData("Mon, 23 Nov 26 10:00:00 UT", "2026-11-23T10:00:00Z")]
    [InlineData("Mon, 3 Nov 2026 10:00:00", "2026-11-03T10:00:00Z")]
    [InlineData("Monday, 23 November 2026 10:00:00 GMT", "2026-11-23T10:00:00Z")]
    [InlineData("Mon, 23 Sept 2026 10:00:00 GMT", "2026-09-23T10:00:00Z")]
    [InlineData("lun., 23 nov. 2026 10:00:00 +0100", "2026-11-23T09:00:00Z")]
    [InlineData("lundi 23 novembre 2026 10:00:00 +0100", "2026-11-23T09:00:00Z")]
    [InlineData("mer., 12 févr. 2026 08:30:00 CET", "2026-02-12T07:30:00Z")]
    [InlineData("1er août 2026 10h30 CEST", "2026-08-01T08:30:00Z")]
    [InlineData("jeu., 31 déc. 2026 23:59:59 +0100", "2026-12-31T22:59:59Z")]
    [InlineData("Do, 22 Dez 2016 17:36:00 +0000", "2016-12-22T17:36:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 +0100 (CET)", "2026-11-23T09:00:00Z")]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23T10:00:00.123+01:00", "2026-11-23T09:00:00.123Z")]
    [InlineData("2026-11-23T10:00+01:00", "2026-11-23T09:00:00Z")]
    [InlineData("2026-11-23 10:00:00", "2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23", "2026-11-23T00:00:00Z")]
    [InlineData("  Mon, 23 Nov 2026 10:00:00 GMT  ", "2026-11-23T10:00:00Z")]
    [InlineData("Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z")]
    [InlineData("Tue Jan 02 2024 10:00:00 GMT+0900 (Japan Standard Time)", "2024-01-02T01:00:00Z")]
    [InlineData("Tue Jan 02 2024 10:00:00 GMT-0500", "2024-01-02T15:00:00Z")]
    [InlineData("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z")]
    [InlineData("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z")]
    [InlineData("Wed Jul 15 08:16:00 -0700 2026", "2026-07-15T15:16:00Z")]
    [InlineData("Fri, 10 Jul 2026 10:00:00 AT", "2026-07-10T14:00:00Z")]
    [InlineData("Fri, 10 Jul 2026 10:00:00 AST", "2026-07-10T14:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 09:00:00 HST", "2026-11-23T19:00:00Z")]
    public void Common_shapes_are_read_in_UTC(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));

    [Theory]
    [InlineData("Fri, 10 Jul 2026 10:00:00 ET", "2026-07-10T14:00:00Z")] // summer: EDT
    [InlineData("Mon, 23 Nov 2026 10:00:00 ET", "2026-11-23T15:00:00Z")] // winter: EST
    [InlineData("Fri, 10 Jul 2026 10:00:00 CT", "2026-07-10T15:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 CT", "2026-11-23T16:00:00Z")]
    [InlineData("Fri, 10 Jul 2026 10:00:00 MT", "2026-07-10T16:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 MT", "2026-11-23T17:00:00Z")]
    [InlineData("Fri, 10 Jul 2026 10:00:00 PT", "2026-07-10T17:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 PT", "2026-11-23T18:00:00Z")]
    [InlineData("Sun, 08 Mar 2026 01:59:00 ET", "2026-03-08T06:59:00Z")] // a minute before the switch (second Sunday of March)
    [InlineData("Sun, 08 Mar 2026 03:00:00 ET", "2026-03-08T07:00:00Z")]
    [InlineData("Sun, 01 Nov 2026 00:30:00 PT", "2026-11-01T07:30:00Z")] // still daylight (first Sunday of November)
    [InlineData("Sun, 01 Nov 2026 02:30:00 PT", "2026-11-01T10:30:00Z")]
    [InlineData("Sun, 02 Apr 2006 03:00:00 ET", "2006-04-02T07:00:00Z")] // the rule before 2007: first Sunday of April
    [InlineData("Mon, 30 Oct 2006 10:00:00 ET", "2006-10-30T15:00:00Z")] // after the last Sunday of October
    public void US_generic_zone_names_follow_the_US_daylight_saving_rule_on_that_date(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Feb 2026 10:00:00 GMT")]
    [InlineData("Mon, 23 Foo 2026 10:00:00 GMT")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 +9900")]
    public void Anything_else_is_no_date(string? text) => Assert.Null(FeedDates.Parse(text));

    [Fact]
    public void The_common_RSS_shape_reads_back_every_instant_and_offset_it_is_written_with()
    {
        // The usual "Mon, 23 Nov 2026 10:00:00 +0100" has a fast path of its own: it must agree with what was written.
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var instant = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.NextInt64(0, 40L * 365 * 24 * 3600));
            var offset = TimeSpan.FromMinutes(random.Next(-12 * 4, 14 * 4 + 1) * 15);
            var local = instant.ToOffset(offset);
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            var text = local.ToString("ddd, d MMM yyyy HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture) + sign + offset.Duration().ToString("hhmm", System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(instant, FeedDates.Parse(text));
        }
    }
}
