using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.Graph;

namespace GdprOps.Cli;

/// <summary>
/// gdprops export: Export-SubjectData on the rows of findings reports (GDPR Art. 15 and 20), on the same engine path:
/// the package with manifest, cover letter and hashes, the check for other people's data, the audit line.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reports = new ReportInput();
        var who = new SubjectOptions();
        var cloud = new CloudOptions();
        var outPath = new Option<DirectoryInfo>("--out") { Description = "The package folder: new or empty (or an interrupted export with --resume).", Required = true };
        var approvedOnly = new Option<bool>("--approved-only") { Description = "Export only the rows a reviewer approved in the Decision column." };
        var received = new Option<DateTime?>("--received-on") { Description = "When the request came in (default: today); the package's due date counts from it." };
        var extended = new Option<bool>("--extended") { Description = "The deadline was extended by two months (GDPR Art. 12(3))." };
        var resume = new Option<bool>("--resume") { Description = "Complete an interrupted export in the same folder; nothing is copied twice." };
        var zip = new Option<bool>("--zip") { Description = "Also pack the package as a zip." };
        var splitSize = new Option<long?>("--split-size") { Description = "Split the zip into parts of at most this many bytes." };
        var encryptTo = new Option<FileInfo?>("--encrypt-to") { Description = "Encrypt the package to this certificate (.cer, .crt or .pem with the recipient's public key)." };
        var portable = new Option<bool>("--portable-data") { Description = "Also gather the person's CSV rows and JSON records into my-data.json (GDPR Art. 20); needs the person's identifiers." };
        var redact = new Option<bool>("--redact-third-party") { Description = "Beside each item with other people's data, write a redacted copy; needs the person's identifiers." };
        var language = new Option<string>("--language") { Description = "The cover letter's language: en, da or nl.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "da", "nl");
        var controller = new Option<FileInfo?>("--controller-profile") { Description = "The controller profile (JSON) whose Art. 15(1) information the cover letter carries." };
        var auditLog = new Option<string?>("--audit-log") { Description = "The audit log the export is written to (default: GDPROPS_AUDIT_LOG, else the machine's log)." };
        var command = new Command("export", "Hand a person their data (GDPR Art. 15/20): copy the items of findings reports into a package with a manifest, hashes and a cover letter.")
        {
            outPath, approvedOnly, received, extended, resume, zip, splitSize, encryptTo, portable, redact, language, controller, auditLog,
        };
        foreach (var option in reports.All.Concat(who.All).Concat(cloud.SignIn))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, verbose: false);
            SubjectExportOptions options;
            System.Collections.Generic.List<Finding> findings;
            GraphConnection? connection;
            try
            {
                var subject = who.Given(parse) ? who.Build(parse) : null;
                findings = reports.Read(parse, error);
                if (parse.GetValue(approvedOnly))
                {
                    findings = findings.Where(f => Review.ReviewDecisions.Approves(Review.ReviewDecisions.Parse(f.Decision))).ToList();
                }

                if (parse.GetValue(splitSize) is < 1)
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "--split-size is a number of bytes, 1 or more.");
                }

                ControllerProfile? profile = null;
                if (parse.GetValue(controller) is { } controllerFile)
                {
                    profile = ControllerProfile.Load(controllerFile.FullName);
                }
                else
                {
                    error.WriteLine("WARNING: " + ControllerProfile.MissingWarning);
                }

                options = new SubjectExportOptions(parse.GetValue(outPath)!.FullName)
                {
                    CaseId = parse.GetValue(who.CaseId) ?? subject?.CaseId ?? SubjectExportOptions.SingleCaseId(findings),
                    Subject = subject,
                    ReceivedOn = parse.GetValue(received) ?? DateTime.Today,
                    Extended = parse.GetValue(extended),
                    Resume = parse.GetValue(resume),
                    Zip = parse.GetValue(zip),
                    SplitSize = parse.GetValue(splitSize),
                    EncryptTo = parse.GetValue(encryptTo) is { } certificate ? LoadRecipient(certificate) : null,
                    Language = parse.GetValue(language) ?? "en",
                    PortableData = parse.GetValue(portable),
                    RedactThirdParty = parse.GetValue(redact),
                    Controller = profile,
                    Command = "gdprops export",
                    AuditLog = new GdprOps.Audit.AuditLog(parse.GetValue(auditLog) ?? GdprOps.Audit.AuditLog.DefaultPath()),
                };
                connection = cloud.Connect(parse, findings.Any(f => f.SourceKind is SourceKind.Mailbox or SourceKind.Drive), error);
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }

            using var ownedConnection = connection;
            SubjectExportSummary summary;
            try
            {
                var reader = new SourceItemReader(connection, Environment.GetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING"));
                summary = await new SubjectExporter(options, reader, host).RunAsync(findings, cancellationToken).ConfigureAwait(false);
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.Errors;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Stopped: run the same command again with --resume to complete the package.");
                return ExitCodes.Stopped;
            }

            if (summary.ReviewWarning() is { } review)
            {
                error.WriteLine("WARNING: " + review);
            }

            output.WriteLine($"Package:         {summary.Path}");
            output.WriteLine($"Items:           {summary.Items} ({summary.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes), {summary.Failed} failed, {summary.Resumed} from an earlier run");
            output.WriteLine($"Due:             {summary.DueOn:yyyy-MM-dd}");
            output.WriteLine($"Manifest:        {summary.ManifestPath}");
            output.WriteLine($"Manifest SHA256: {summary.ManifestSha256}");
            foreach (var (label, value) in new[] { ("Zip:", summary.ZipPath), ("Encrypted:", summary.EncryptedPath), ("Review page:", summary.ThirdPartyItems + summary.NotChecked > 0 ? summary.ReviewPath : null) })
            {
                if (value is not null)
                {
                    output.WriteLine($"{label,-16} {value}");
                }
            }

            return summary.Failed > 0 || host.ErrorCount > 0 ? ExitCodes.Errors : ExitCodes.Success;
        });
        command.Subcommands.Add(Verify(output, error));
        return command;
    }

    /// <summary>gdprops export verify: Test-SubjectExport. Exit code 0 when every file matches the manifest, 1 when not, 2 when it is no package.</summary>
    private static Command Verify(TextWriter output, TextWriter error)
    {
        var package = new Argument<string>("package") { Description = "The package folder or zip." };
        var sha = new Option<string?>("--manifest-sha256") { Description = "The manifest hash the export printed and audited: a manifest recomputed to match altered items no longer passes." };
        var verify = new Command("verify", "Check an export package against its manifest's hashes (and the manifest against the hash the export recorded).") { package, sha };
        verify.SetAction(parse =>
        {
            string? expected = parse.GetValue(sha);
            if (expected is not null && !System.Text.RegularExpressions.Regex.IsMatch(expected, "^[0-9a-fA-F]{64}$"))
            {
                error.WriteLine($"ERROR {ErrorIds.InvalidArgument}: --manifest-sha256 is 64 hex digits, as gdprops export prints it.");
                return ExitCodes.InvalidUsage;
            }

            return CliErrors.Refusing(error, () =>
            {
                var result = SubjectExportVerifier.Verify(Path.GetFullPath(parse.GetValue(package)!), expected);
                output.WriteLine($"Path:    {result.Path}");
                output.WriteLine($"Valid:   {(result.Valid ? "yes" : "NO")}");
                output.WriteLine($"Files:   {result.Files} ({result.Missing} missing, {result.Altered} altered, {result.Extra} extra)");
                if (!result.Valid)
                {
                    error.WriteLine("gdprops: the package does not match its manifest: " + result.Problems);
                    return ExitCodes.Errors;
                }

                return ExitCodes.Success;
            });
        });
        return verify;
    }

    /// <summary>The recipient's certificate (public key only) from a .cer, .crt or .pem file.</summary>
    private static X509Certificate2 LoadRecipient(FileInfo file)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"--encrypt-to: '{file.FullName}' is not a certificate GdprOps can read ({ex.GetType().Name}).", ex);
        }
    }
}
