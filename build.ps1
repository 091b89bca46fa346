<#
.SYNOPSIS
    Builds, tests, packages or cleans GdprOps.

.DESCRIPTION
    A thin wrapper over the dotnet CLI for people who have PowerShell. It uses only .NET APIs and core
    cmdlets (no Utility or Management cmdlets), so the test suite can run it in a hosted PowerShell engine.

      Build    dotnet build GdprOps.sln: assembles the importable module in out/GdprOps.
      Test     dotnet test GdprOps.sln, then the Pester suite in tests/pester with Pester 5.7.1 (installed from NuGet
               into .tools/nuget when missing), and one closing line: "N passed, N failed".
      Package  zips out/GdprOps into out/GdprOps.<version>.zip and, where PSResourceGet is available (pwsh 7.4+),
               publishes the gallery package out/repository/GdprOps.<version>.nupkg with Publish-PSResource to a
               local file repository (builds first unless -SkipBuild). Install from it with
               Register-PSResourceRepository -Name Local -Uri ./out/repository; Install-PSResource GdprOps -Repository Local.
      Clean    dotnet clean and removes out/.

.EXAMPLE
    ./build.ps1
    Builds the module (Debug).

.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test -Configuration Release
    A full release build with every test.

.EXAMPLE
    ./build.ps1 -Task Package -SkipBuild -OutputPath ./artifacts
    Packages the module already in out/GdprOps: artifacts/GdprOps.<version>.zip and artifacts/repository/GdprOps.<version>.nupkg.
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
    $results = [System.IO.Path]::Combine($root, 'TestResults', 'build')
    if ([System.IO.Directory]::Exists($results)) { [System.IO.Directory]::Delete($results, $true) }
    $dotnetFailed = $false
    try {
        Invoke-Dotnet @('test', $solution, '-c', $Configuration, '--logger', 'trx', '--results-directory', $results)
    }
    catch {
        $dotnetFailed = $true
        [Console]::WriteLine($_.Exception.Message)
    }

    $pester = [System.IO.Path]::Combine($root, '.tools', 'nuget', 'pester', '5.7.1', 'tools', 'Pester.psd1')
    if (-not [System.IO.File]::Exists($pester)) {
        Invoke-Dotnet @('restore', [System.IO.Path]::Combine($root, 'tests', 'pester', 'tools', 'PesterTools.csproj'), '--packages', [System.IO.Path]::Combine($root, '.tools', 'nuget'))
    }

    # In a child pwsh, so the suite imports the module fresh, exactly as tests/run.sh does.
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pesterXml = [System.IO.Path]::Combine($results, 'pester.xml')
    & $pwsh -NoProfile -NonInteractive -File ([System.IO.Path]::Combine($root, 'tests', 'pester', 'Invoke-PesterSuite.ps1')) -ResultPath $pesterXml -PesterManifest $pester
    $pesterFailed = $LASTEXITCODE -ne 0

    $passed = 0; $failed = 0
    foreach ($trx in [System.IO.Directory]::GetFiles($results, '*.trx')) {
        $counters = ([xml][System.IO.File]::ReadAllText($trx)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed; $failed += [int]$counters.failed
    }
    if ([System.IO.File]::Exists("$pesterXml.counts")) {
        $counts = [System.IO.File]::ReadAllText("$pesterXml.counts").Trim().Split(' ')
        $passed += [int]$counts[0]; $failed += [int]$counts[1]
    }
    else { $failed++ }

    [Console]::WriteLine("$passed passed, $failed failed")
    if ($dotnetFailed -or $pesterFailed -or $failed -gt 0) { throw "$failed test(s) failed." }
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

    # The gallery package: Publish-PSResource (PSResourceGet, in pwsh 7.4 and later) into a local file repository
    # at <OutputPath>/repository, registered under a one-off name and unregistered again. Without PSResourceGet
    # (Windows PowerShell, a hosted engine) the zip above is the package and this says so.
    if (-not (Get-Command Publish-PSResource -ErrorAction Ignore)) {
        [Console]::WriteLine('Gallery package skipped: Publish-PSResource (Microsoft.PowerShell.PSResourceGet) is not available here.')
        return
    }

    $repository = [System.IO.Path]::Combine($OutputPath, 'repository')
    [System.IO.Directory]::CreateDirectory($repository) | Out-Null
    $nupkg = [System.IO.Path]::Combine($repository, "GdprOps.$(Get-ModuleVersion).nupkg")
    if ([System.IO.File]::Exists($nupkg)) { [System.IO.File]::Delete($nupkg) }
    # PSResourceGet keeps its repository list under LocalApplicationData; .NET answers an empty path when that
    # folder does not exist yet (a fresh Linux home), and the list would land in the current folder.
    $appData = [Environment]::GetFolderPath([Environment+SpecialFolder]::LocalApplicationData, [Environment+SpecialFolderOption]::DoNotVerify)
    if ($appData) { [System.IO.Directory]::CreateDirectory($appData) | Out-Null }
    $name = 'GdprOpsBuild' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        Publish-PSResource -Path $moduleDir -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }

    [Console]::WriteLine("Gallery package: $nupkg")
    $nupkg
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
