using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GdprOps.Retention;

/// <summary>
/// How old is too old: "6mo" (calendar months), "180d", "2w", "1y", a TimeSpan ("180.00:00:00") or a fixed date
/// ("2026-05-01": everything before it).
/// </summary>
public sealed class RetentionAge
{
    private static readonly Regex Relative = new(@"^\s*(\d+)\s*(d|day|days|w|wk|week|weeks|mo|month|months|y|yr|year|years)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly int _amount;
    private readonly string _unit;
    private readonly TimeSpan? _span;
    private readonly DateTimeOffset? _date;

    private RetentionAge(string text, int amount, string unit, TimeSpan? span, DateTimeOffset? date)
    {
        Text = text;
        _amount = amount;
        _unit = unit;
        _span = span;
        _date = date;
    }

    public string Text { get; }

    /// <summary>The longest retention a rule may name: beyond it an age is a typing mistake, not a policy.</summary>
    public const int MaxYears = 100;

    /// <param name="text">The age as written.</param>
    /// <param name="now">Today, to refuse a fixed date in the future (every item would be older than it); default: now.</param>
    public static RetentionAge Parse(string text, DateTimeOffset? now = null)
    {
        var match = Relative.Match(text ?? string.Empty);
        if (match.Success)
        {
            string unit = match.Groups[2].Value.ToLowerInvariant() switch
            {
                "d" or "day" or "days" => "d",
                "w" or "wk" or "week" or "weeks" => "w",
                "mo" or "month" or "months" => "mo",
                _ => "y",
            };
            int limit = unit switch { "d" => MaxYears * 366, "w" => MaxYears * 53, "mo" => MaxYears * 12, _ => MaxYears };
            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int amount) || amount > limit)
            {
                throw Refused($"'{text}' is longer than {MaxYears} years: that is a typing mistake, not a retention period.");
            }

            if (amount == 0)
            {
                throw Refused($"'{text}' is zero: every item would be over the limit at once. Give a period of at least one day.");
            }

            return new RetentionAge(text!.Trim(), amount, unit, null, null);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            if (span <= TimeSpan.Zero)
            {
                throw Refused($"'{text}' is not a positive time span: every item would be over the limit at once.");
            }

            if (span > TimeSpan.FromDays(MaxYears * 366))
            {
                throw Refused($"'{text}' is longer than {MaxYears} years: that is a typing mistake, not a retention period.");
            }

            return new RetentionAge(text!.Trim(), 0, string.Empty, span, null);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            if (date > (now ?? DateTimeOffset.UtcNow))
            {
                throw Refused($"'{text}' is in the future: every item would be older than it. A fixed date means \"everything before this day\".");
            }

            return new RetentionAge(text!.Trim(), 0, string.Empty, null, date);
        }

        throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
            $"'{text}' is not a retention age: use 6mo, 180d, 2w, 1y, a time span (180.00:00:00) or a date (2026-05-01).");
    }

    private static GdprOpsException Refused(string message) => new(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, message);

    /// <summary>Items whose date is before this are over the limit.</summary>
    public DateTimeOffset CutoffFrom(DateTimeOffset now) => _date ?? (_span is { } span ? now - span : _unit switch
    {
        "d" => now.AddDays(-_amount),
        "w" => now.AddDays(-7 * _amount),
        "mo" => now.AddMonths(-_amount),
        _ => now.AddYears(-_amount),
    });

    public override string ToString() => Text;
}
