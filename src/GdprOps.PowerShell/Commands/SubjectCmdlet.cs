using System.Management.Automation;
using GdprOps.Model;
using GdprOps.Subjects;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// Base of cmdlets that take a data subject: either a profile (-Subject, from New-SubjectProfile) or the
/// identifier shortcuts -Name, -Email, -Phone, -NationalId, -OtherId in the <see cref="IdentifiersSet"/> set.
/// </summary>
public abstract class SubjectCmdlet : GdprOpsCmdlet
{
    public const string IdentifiersSet = "Identifiers";

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Email { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Phone { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string[]? NationalId { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string[]? OtherId { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    [ValidateNotNullOrEmpty]
    public string? CaseId { get; set; }

    [Parameter(ParameterSetName = IdentifiersSet)]
    public SwitchParameter AllowInitials { get; set; }

    /// <summary>The profile the shortcuts describe; throws <see cref="GdprOpsException"/> when they are invalid.</summary>
    protected SubjectProfile BuildSubjectFromShortcuts() =>
        new SubjectProfileBuilder { CaseId = CaseId, AllowInitials = AllowInitials }
            .AddNames(Name)
            .AddEmails(Email)
            .AddPhones(Phone)
            .AddNationalIds(NationalId)
            .AddOtherIds(OtherId)
            .Build();
}
