using System;
using System.Text.Json.Serialization;

namespace GdprOps.Cases;

/// <summary>What the data subject asked for (GDPR Articles 15, 17, 16 and 21).</summary>
public enum CaseType
{
    Access,
    Erasure,
    Rectification,
    Objection,
}

public enum CaseStatus
{
    Open,
    Completed,
}

/// <summary>
/// One data subject request from arrival to closure, as stored in its case file. It holds no personal data of its
/// own: the person is named by the path of their subject profile (New-SubjectProfile), and what was done is read
/// from the audit log by <see cref="CaseId"/>.
/// </summary>
public sealed class GdprCase
{
    /// <summary>The case file's format, written into every file so a later version can read an older one.</summary>
    public const string FormatVersion = "gdprops-case/1";

    [JsonPropertyName("$format")]
    public string Format { get; set; } = FormatVersion;

    public string CaseId { get; set; } = string.Empty;

    [JsonConverter(typeof(JsonStringEnumConverter<CaseType>))]
    public CaseType Type { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
    public CaseStatus Status { get; set; }

    /// <summary>The day the request arrived (the deadline runs from it, Art. 12(3)).</summary>
    public DateTime Received { get; set; }

    /// <summary>When set, the controller's own answer period in days (a policy promising 30 days); else one month.</summary>
    public int? ResponseDays { get; set; }

    /// <summary>The subject profile file (New-SubjectProfile -Path) that names the person; no identifier is stored here.</summary>
    public string? SubjectProfile { get; set; }

    /// <summary>Where the request came in (ticket number, letter reference): never the person's details.</summary>
    public string? Reference { get; set; }

    /// <summary>The day the controller extended the deadline by two further months, Art. 12(3).</summary>
    public DateTime? ExtendedOn { get; set; }

    /// <summary>Why (the subject must be told within the first period, with the reasons).</summary>
    public string? ExtensionReason { get; set; }

    public DateTime? CompletedOn { get; set; }

    /// <summary>How the case ended, in the DPO's words ("Package sent by secure mail", "Erasure refused: Art. 17(3)(b)").</summary>
    public string? Resolution { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Modified { get; set; }

    /// <summary>Raised by one on every write: two writers never both win unseen.</summary>
    public int Revision { get; set; }

    /// <summary>
    /// When the answer is due: one month from receipt (Art. 12(3); a day that month lacks is its last day), or
    /// <see cref="ResponseDays"/> days; two further months once extended.
    /// </summary>
    [JsonIgnore]
    public DateTime Due
    {
        get
        {
            var first = ResponseDays is { } days ? Received.Date.AddDays(days) : Received.Date.AddMonths(1);
            return ExtendedOn is null ? first : first.AddMonths(2);
        }
    }

    /// <summary>Days from <paramref name="today"/> to <see cref="Due"/>: negative when overdue.</summary>
    public int DaysLeft(DateTime today) => (int)(Due - today.Date).TotalDays;

    public bool IsOverdue(DateTime today) => Status == CaseStatus.Open && today.Date > Due;
}
