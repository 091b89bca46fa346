using GdprOps.Model;

namespace GdprOps.PowerShell.Commands;

/// <summary>Builds a profile from the identifier shortcuts several cmdlets share.</summary>
internal static class SubjectParameters
{
    public static SubjectProfile Build(string? caseId, bool allowInitials, string[]? names, string[]? emails, string[]? phones, string[]? nationalIds, string[]? otherIds) =>
        new SubjectProfileBuilder { CaseId = caseId, AllowInitials = allowInitials }
            .AddNames(names)
            .AddEmails(emails)
            .AddPhones(phones)
            .AddNationalIds(nationalIds)
            .AddOtherIds(otherIds)
            .Build();
}
