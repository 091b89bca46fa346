using System.CommandLine;
using System.IO;
using System.Linq;

namespace GdprOps.Cli;

/// <summary>gdprops profile check: New-SubjectProfile's checks for a profile file or identifiers, before a sweep relies on them.</summary>
internal static class ProfileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var who = new SubjectOptions();
        var check = new Command("check", "Check a subject profile (--subject FILE, or --email, --name, --phone ...): what it matches on and its warnings (a one-word name, an unknown phone range); never prints an identifier. Exit code 2 when it is invalid.");
        foreach (var option in who.All)
        {
            check.Options.Add(option);
        }

        check.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            if (!who.Given(parse))
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Give a profile file (--subject) or identifiers (--email, --name, --phone, --national-id, --other-id).");
            }

            var profile = who.Build(parse);
            output.WriteLine("Subject profile with " + profile.Describe() + ".");
            var warnings = profile.GetWarnings().ToList();
            foreach (string warning in warnings)
            {
                error.WriteLine("WARNING: " + warning);
            }

            return ExitCodes.Success;
        }));
        return new Command("profile", "Subject profiles: the person a request is about.") { check };
    }
}
