using System.Management.Automation;
using GdprOps.Model;

namespace GdprOps.PowerShell.Commands;

/// <summary>New-SubjectProfile: describes the person an access or erasure request is about.</summary>
[Cmdlet(VerbsCommon.New, "SubjectProfile", DefaultParameterSetName = IdentifiersSet)]
[OutputType(typeof(SubjectProfile))]
public sealed class NewSubjectProfileCommand : GdprOpsCmdlet
{
    public const string IdentifiersSet = "Identifiers";
    public const string FileSet = "File";

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

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var profile = ParameterSetName == FileSet
                ? SubjectProfileFile.Load(GetUnresolvedProviderPathFromPSPath(Path))
                : SubjectParameters.Build(CaseId, AllowInitials, Name, Email, Phone, NationalId, OtherId);
            WriteVerbose("Subject profile with " + profile.Describe() + ".");
            WriteObject(profile);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Path);
        }
    }
}
