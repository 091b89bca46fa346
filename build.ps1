<#
.SYNOPSIS
    Builds, tests, packages or cleans GdprOps.

.DESCRIPTION
    A thin wrapper over the dotnet CLI for people who have PowerShell. It uses only .NET APIs and core
    cmdlets (no Utility or Management cmdlets), so the test suite can run it in a hosted PowerShell engine.

      Build    dotnet build GdprOps.sln: assembles the importable module in out/GdprOps.
      Test     dotnet test GdprOps.sln, then the Pester tests in tests/pester when Pester is installed.
      Package  zips out/GdprOps into out/GdprOps.<version>.zip (builds first unless -SkipBuild).
      Clean    dotnet clean and removes out/.

.EXAMPLE
    ./build.ps1
    Builds the module (Debug).

.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test -Configuration Release
    A full release build with every test.

.EXAMPLE
    ./build.ps1 -Task Package -SkipBuild -OutputPath ./artifacts
    Zips the module already in out/GdprOps.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [string] $OutputPath,

    [switch] $SkipBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$solution = [System.IO.Path]::Combine($root, 'GdprOps.sln')
$moduleDir = [System.IO.Path]::Combine($root, 'out', 'GdprOps')
if (-not $OutputPath) { $OutputPath = [System.IO.Path]::Combine($root, 'out') }

function Invoke-Dotnet {
    param([string[]] $Arguments)
    [Console]::WriteLine("> dotnet $($Arguments -join ' ')")
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    $manifest = [System.IO.Path]::Combine($root, 'GdprOps.psd1')
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($manifest, [ref] $tokens, [ref] $errors)
    if ($errors.Count -gt 0) { throw "GdprOps.psd1 does not parse: $($errors[0].Message)" }
    $data = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    $data.SafeGetValue()['ModuleVersion']
}

function Invoke-Build {
    Invoke-Dotnet @('build', $solution, '-c', $Configuration)
}

function Invoke-Test {
    Invoke-Dotnet @('test', $solution, '-c', $Configuration)
    if (Get-Command Invoke-Pester -ErrorAction Ignore) {
        $result = Invoke-Pester -Path ([System.IO.Path]::Combine($root, 'tests', 'pester')) -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    else {
        $PSCmdlet.WriteWarning('Pester is not installed: tests/pester was skipped (Install-Module Pester).')
    }
}

function Invoke-Package {
    if (-not $SkipBuild) { Invoke-Build }
    if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($moduleDir, 'GdprOps.psd1'))) {
        throw "The module is not built: $moduleDir has no GdprOps.psd1. Run ./build.ps1 -Task Build first."
    }

    [System.IO.Directory]::CreateDirectory($OutputPath) | Out-Null
    $zip = [System.IO.Path]::Combine($OutputPath, "GdprOps.$(Get-ModuleVersion).zip")
    if ([System.IO.File]::Exists($zip)) { [System.IO.File]::Delete($zip) }
    # Windows PowerShell keeps ZipFile in System.IO.Compression.FileSystem.
    foreach ($name in 'System.IO.Compression.ZipFile', 'System.IO.Compression.FileSystem') {
        try { [void][System.Reflection.Assembly]::Load($name) } catch { $PSCmdlet.WriteDebug("$name not loaded: $_") }
    }
    [System.IO.Compression.ZipFile]::CreateFromDirectory($moduleDir, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    [Console]::WriteLine("Package: $zip")
    $zip
}

function Invoke-Clean {
    Invoke-Dotnet @('clean', $solution, '-c', $Configuration)
    $out = [System.IO.Path]::Combine($root, 'out')
    if ([System.IO.Directory]::Exists($out)) { [System.IO.Directory]::Delete($out, $true) }
}

foreach ($step in $Task) {
    [Console]::WriteLine("== $step ($Configuration)")
    switch ($step) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}
