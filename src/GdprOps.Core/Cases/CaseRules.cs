using System;

namespace GdprOps.Cases;

/// <summary>
/// What may happen to a case, for New-/Set-/Complete-GdprCase and <c>gdprops case new|set|complete</c>: a request is
/// not received in the future; the deadline is extended once, by two months, with a reason, and only within the first
/// period (Art. 12(3)); a completed case keeps everything but its notes; it cannot be completed before it came in.
/// </summary>
public static class CaseRules
{
    /// <summary>A new open case, checked and given an id (the next free one for its received date when none is given); not stored yet.</summary>
    /// <exception cref="GdprOpsException">A received date in the future or an invalid id.</exception>
    public static GdprCase New(CaseStore store, CaseType type, string? caseId, DateTime? received, DateTime today,
        string? subjectProfile = null, string? reference = null, int? responseDays = null, string? notes = null)
    {
        var on = (received ?? today).Date;
        if (on > today.Date)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"-Received {on:yyyy-MM-dd} is in the future.");
        }

        return new GdprCase
        {
            CaseId = caseId is null ? store.NextId(on) : CaseStore.CheckId(caseId),
            Type = type,
            Status = CaseStatus.Open,
            Received = on,
            ResponseDays = responseDays,
            SubjectProfile = subjectProfile,
            Reference = reference,
            Notes = notes,
        };
    }

    /// <summary>Changes a case under the store's lock; <paramref name="extensionReason"/> extends its deadline by two months.</summary>
    /// <exception cref="GdprOpsException">No such case, a completed case, or an extension the rules refuse.</exception>
    public static GdprCase Change(CaseStore store, string caseId, DateTime today, string? extensionReason = null, CaseType? type = null,
        string? subjectProfile = null, string? reference = null, string? notes = null) =>
        store.Update(CaseStore.CheckId(caseId), value =>
        {
            if (value.Status == CaseStatus.Completed && (extensionReason is not null || type is not null || subjectProfile is not null || reference is not null))
            {
                throw new GdprOpsException(ErrorIds.CaseCompleted, ErrorKind.InvalidArgument, $"Case {caseId} is completed; only its notes can change.");
            }

            if (extensionReason is not null)
            {
                if (value.ExtendedOn is not null)
                {
                    throw new GdprOpsException(ErrorIds.CaseExtensionRefused, ErrorKind.InvalidArgument, $"Case {caseId} was extended on {value.ExtendedOn:yyyy-MM-dd}; Art. 12(3) allows one extension of two months.");
                }

                if (today.Date > value.Due)
                {
                    throw new GdprOpsException(ErrorIds.CaseExtensionRefused, ErrorKind.InvalidArgument, $"Case {caseId} was due {value.Due:yyyy-MM-dd}: an extension must be decided, and the subject told, within the first period (Art. 12(3)).");
                }

                value.ExtendedOn = today.Date;
                value.ExtensionReason = extensionReason;
            }

            value.Type = type ?? value.Type;
            value.SubjectProfile = subjectProfile ?? value.SubjectProfile;
            value.Reference = reference ?? value.Reference;
            value.Notes = notes ?? value.Notes;
        });

    /// <summary>Closes a case with how it ended.</summary>
    /// <exception cref="GdprOpsException">No such case, already completed, or a completion date before the request came in.</exception>
    public static GdprCase Complete(CaseStore store, string caseId, string resolution, DateTime on) =>
        store.Update(CaseStore.CheckId(caseId), value =>
        {
            if (value.Status == CaseStatus.Completed)
            {
                throw new GdprOpsException(ErrorIds.CaseCompleted, ErrorKind.InvalidArgument, $"Case {caseId} was completed on {value.CompletedOn:yyyy-MM-dd}.");
            }

            if (on.Date < value.Received.Date)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"-CompletedOn {on:yyyy-MM-dd} is before the request was received ({value.Received:yyyy-MM-dd}).");
            }

            value.Status = CaseStatus.Completed;
            value.CompletedOn = on.Date;
            value.Resolution = resolution;
        });

    /// <summary>The warning for a case completed after its deadline; null when it was on time.</summary>
    public static string? LateWarning(GdprCase value) => value.CompletedOn > value.Due
        ? $"Case {value.CaseId} was completed {(value.CompletedOn!.Value - value.Due).Days} day(s) after its deadline ({value.Due:yyyy-MM-dd})."
        : null;
}
