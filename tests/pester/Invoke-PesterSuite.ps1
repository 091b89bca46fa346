<#
.SYNOPSIS
    Runs the Pester suite in tests/pester with the Pester 5.7.1 that tests/run.sh (or build.ps1) put in .tools/nuget.

.DESCRIPTION
    Writes the NUnit XML result to -ResultPath and a one-line count ("PASSED FAILED") beside it, so the caller can add
    the counts to the dotnet test totals. Exits 1 when a test failed or none ran.
#>
[CmdletBinding()]
param(
    [string] $ResultPath = (Join-Path $PSScriptRoot '../../TestResults/pester.xml'),
    [string] $PesterManifest = (Join-Path $PSScriptRoot '../../.tools/nuget/pester/5.7.1/tools/Pester.psd1')
)

$ErrorActionPreference = 'Stop'
# A sweep with a case id records itself in the default audit log: the suite never writes the machine's log or the
# user's case folder (the test files that need them set their own).
$run = Join-Path ([System.IO.Path]::GetTempPath()) "gdprops-pester-$PID"
if (-not $env:GDPROPS_AUDIT_LOG) { $env:GDPROPS_AUDIT_LOG = Join-Path $run 'audit.log' }
if (-not $env:GDPROPS_CASES) { $env:GDPROPS_CASES = Join-Path $run 'cases' }
Import-Module $PesterManifest -MinimumVersion 5.7.1 -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $configuration
Set-Content -Path "$ResultPath.counts" -Value "$($result.PassedCount) $($result.FailedCount)" -Encoding ascii
if ($result.FailedCount -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
