using System.Management.Automation;
using GdprOps.Model;
using GdprOps.Subjects;

namespace GdprOps.PowerShell.Commands;

/// <summary>New-SubjectProfile: describes the person an access or erasure request is about.</summary>
[Cmdlet(VerbsCommon.New, "SubjectProfile", DefaultParameterSetName = IdentifiersSet)]
[OutputType(typeof(SubjectProfile))]
public sealed class NewSubjectProfileCommand : SubjectCmdlet
{
    public const string FileSet = "File";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var profile = ParameterSetName == FileSet
                ? SubjectProfileFile.Load(GetUnresolvedProviderPathFromPSPath(Path))
                : BuildSubjectFromShortcuts();
            WriteVerbose("Subject profile with " + profile.Describe() + ".");
            foreach (string warning in profile.GetWarnings())
            {
                WriteWarning(warning);
            }

            WriteResult(profile);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Path);
        }
    }
}
