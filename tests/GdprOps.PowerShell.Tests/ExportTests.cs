using System;
using System.IO;
using System.Linq;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public sealed class ExportTests
{
    [Fact]
    public void WhatIf_writes_nothing_not_even_the_audit_log()
    {
        using var dir = new TempFolder();
        string package = Path.Combine(dir.Path, "pkg");
        string audit = Path.Combine(dir.Path, "audit.log");
        var result = Ps.Run($"New-SubjectProfile -Path ./samples/subject.json | Find-PersonalData -Path ./samples/share | Export-SubjectData -Path '{package}' -AuditLogPath '{audit}' -WhatIf");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(package));
        Assert.False(File.Exists(audit));
    }

    [Fact]
    public void Export_verify_and_read_the_audit_log_as_a_user_would()
    {
        using var dir = new TempFolder();
        string package = Path.Combine(dir.Path, "DSAR-2026-0042");
        string audit = Path.Combine(dir.Path, "audit.log");
        var result = Ps.Run(
            "$subject = New-SubjectProfile -Path ./samples/subject.json\n" +
            $"Find-PersonalData -Path ./samples/share -Subject $subject | Export-SubjectData -Path '{package}' -Subject $subject -ReceivedOn ([datetime]'2026-11-20') -Extended -AuditLogPath '{audit}'\n" +
            $"Test-SubjectExport -Path '{package}'\n" +
            $"Get-GdprAuditLog -Path '{audit}' -CaseId DSAR-2026-0042 -Action Export\n" +
            $"Test-GdprAuditLog -Path '{audit}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Output.Count);
        var summary = result.Output[0];
        Assert.Equal(6, (int)summary.Properties["Items"].Value);
        Assert.Equal("DSAR-2026-0042", summary.Properties["CaseId"].Value);
        Assert.Equal(new DateTime(2027, 2, 20), (DateTime)summary.Properties["DueOn"].Value);
        Assert.True((bool)result.Output[1].Properties["Valid"].Value);
        Assert.Equal("Succeeded", result.Output[2].Properties["Outcome"].Value);
        Assert.False(string.IsNullOrEmpty((string)result.Output[2].Properties["SubjectHash"].Value));
        Assert.True((bool)result.Output[3].Properties["Valid"].Value);
        Assert.DoesNotContain("oestergaard", File.ReadAllText(audit), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EncryptTo_leaves_only_the_sealed_package()
    {
        using var dir = new TempFolder();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Subject", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string package = Path.Combine(dir.Path, "pkg");
        var result = Ps.Run($"Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example | Export-SubjectData -Path '{package}' -EncryptTo $cert -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'",
            new System.Collections.Generic.Dictionary<string, object?> { ["cert"] = certificate });
        Assert.Null(result.Terminating);
        Assert.Equal(package + ".zip.p7m", result.Output.Single().Properties["EncryptedPath"].Value);
        // Beside it only the DPO's review page, which names no item of the sealed package (its places in manifest.json).
        Assert.Equal(new[] { "a.log", "a.log.anchor", "pkg.review.html", "pkg.zip.p7m" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        string review = File.ReadAllText(Path.Combine(dir.Path, "pkg.review.html"));
        Assert.DoesNotContain("items/", review, StringComparison.Ordinal);
        Assert.DoesNotContain("samples", review, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_folder_in_use_is_refused_with_a_stable_id()
    {
        using var dir = new TempFolder();
        string package = Path.Combine(dir.Path, "pkg");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "other.txt"), "x");
        var result = Ps.Run($"try {{ Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example | Export-SubjectData -Path '{package}' -AuditLogPath '{Path.Combine(dir.Path, "a.log")}' }} catch {{ $_ }}");
        Assert.Equal("ExportPathInvalid,GdprOps.PowerShell.Commands.ExportSubjectDataCommand", result.Caught().FullyQualifiedErrorId);
    }
}
