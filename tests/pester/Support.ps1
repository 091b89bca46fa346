# Helpers the Pester files dot-source: start the Graph tenant simulator and Azurite, read the documented examples,
# and build the sandbox ("the world") the examples run in.

function Start-GraphSimulator {
    <# Starts the simulator dll; returns @{ Process; Endpoint }. The first stdout line is the base URL. #>
    param([string] $Repo, [string[]] $Arguments = @('--users', '3', '--seed', '7'))
    $dll = Join-Path $Repo 'tests/GdprOps.GraphSimulator/bin/Debug/net10.0/GdprOps.GraphSimulator.dll'
    if (-not (Test-Path $dll)) { $dll = Join-Path $Repo 'tests/GdprOps.GraphSimulator/bin/Release/net10.0/GdprOps.GraphSimulator.dll' }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--port', '0') + $Arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $endpoint = $process.StandardOutput.ReadLine()
    if ($endpoint -notmatch '^http://127\.0\.0\.1:\d+/v1\.0$') {
        $process.Kill()
        throw "The Graph simulator did not start: '$endpoint'"
    }

    @{ Process = $process; Endpoint = $endpoint }
}

function Stop-TestServer {
    <# Stops what Start-GraphSimulator or Start-Azurite started (nothing when it did not start). #>
    param($Server)
    if ($Server -and $Server.Process) {
        if (-not $Server.Process.HasExited) { $Server.Process.Kill() }
        $Server.Process.Dispose()
    }
}

function Start-Azurite {
    <# Starts Azurite's blob service (installed by the xunit suite, or here with npm ci); returns @{ Process; ConnectionString }. #>
    param([string] $Repo)
    $folder = Join-Path $Repo 'tests/azurite'
    $binary = Join-Path $folder 'node_modules/.bin/azurite-blob'
    if (-not (Test-Path $binary)) {
        Push-Location $folder
        try { & npm ci --no-audit --no-fund | Out-Null } finally { Pop-Location }
    }

    $start = [System.Diagnostics.ProcessStartInfo]::new($binary)
    foreach ($argument in '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--loose', '--skipApiVersionCheck', '--disableTelemetry') {
        $start.ArgumentList.Add($argument)
    }
    $start.WorkingDirectory = $folder
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [datetime]::UtcNow.AddSeconds(60)
    while ([datetime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match 'listens on (http://127\.0\.0\.1:\d+)') {
            $key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
            return @{ Process = $process; ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=$($Matches[1])/devstoreaccount1;" }
        }
    }

    $process.Kill()
    throw 'Azurite did not start.'
}

function Invoke-BlobRequest {
    <# One Blob service REST call signed with the account key (Shared Key), enough to create containers and blobs. #>
    param([string] $ConnectionString, [string] $Method, [string] $Resource, [hashtable] $Query = @{}, [byte[]] $Body, [hashtable] $Headers = @{})
    $parts = @{}
    foreach ($pair in $ConnectionString.Split(';', [StringSplitOptions]::RemoveEmptyEntries)) {
        $at = $pair.IndexOf('=')
        $parts[$pair.Substring(0, $at)] = $pair.Substring($at + 1)
    }
    $account = $parts.AccountName
    $date = [datetime]::UtcNow.ToString('R', [cultureinfo]::InvariantCulture)
    $all = @{ 'x-ms-date' = $date; 'x-ms-version' = '2021-12-02' } + $Headers
    $length = if ($Body) { $Body.Length } else { 0 }
    $canonicalHeaders = ($all.Keys | Where-Object { $_ -like 'x-ms-*' } | Sort-Object | ForEach-Object { "$($_.ToLowerInvariant()):$($all[$_])" }) -join "`n"
    $canonicalResource = "/$account/$account/$Resource"
    foreach ($name in ($Query.Keys | Sort-Object)) { $canonicalResource += "`n$($name.ToLowerInvariant()):$($Query[$name])" }
    $contentLength = if ($length -gt 0) { "$length" } else { '' }
    $toSign = "$Method`n`n`n$contentLength`n`n$(if ($length) { 'application/octet-stream' })`n`n`n`n`n`n`n$canonicalHeaders`n$canonicalResource"
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([Convert]::FromBase64String($parts.AccountKey))
    $signature = [Convert]::ToBase64String($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($toSign)))
    $all['Authorization'] = "SharedKey ${account}:$signature"
    $uri = "$($parts.BlobEndpoint)/$Resource"
    if ($Query.Count) { $uri += '?' + (($Query.Keys | Sort-Object | ForEach-Object { "$_=$($Query[$_])" }) -join '&') }
    $request = @{ Method = $Method; Uri = $uri; Headers = $all; SkipHeaderValidation = $true }
    if ($length) { $request.Body = $Body; $request.ContentType = 'application/octet-stream' }
    Invoke-WebRequest @request | Out-Null
}

function New-ApplicationsFolder {
    <#
    A share folder of job applications and a policy keeping them one year from their last change: one old file
    (changed 2019-05-01, or -OldDate) and, with -Recent, one from 2026. Returns @{ Folder; Old; Policy }.
    #>
    param([string] $Root, [string] $OldName = 'cv-2019.txt', [datetime] $OldDate = '2019-05-01', [switch] $Recent)
    $folder = Join-Path $Root 'applications'
    New-Item -ItemType Directory -Path $folder | Out-Null
    $old = New-Item -ItemType File -Path (Join-Path $folder $OldName) -Value 'cv'
    $old.LastWriteTimeUtc = $OldDate
    if ($Recent) { New-Item -ItemType File -Path (Join-Path $folder 'cv-2026.txt') -Value 'cv' | Out-Null }
    $policy = Join-Path $Root 'applications-policy.json'
    Set-Content -Path $policy -Value '{ "itemRules": [ { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" } ] }'
    @{ Folder = $folder; Old = $old; Policy = $policy }
}

function Get-DocumentedExample {
    <#
    Every example users read: the help's (Get-Help -Full, built from module/docs) and every ```powershell block in
    README.md and docs/*.md. Returns @{ Source; Number; Code }.
    #>
    param([string] $Repo)
    foreach ($command in Get-Command -Module GdprOps | Sort-Object Name) {
        $number = 0
        foreach ($example in @((Get-Help $command.Name -Full).Examples.Example)) {
            $number++
            @{ Source = "help $($command.Name)"; Number = $number; Code = ($example.Code -join "`n").Trim() }
        }
    }

    foreach ($file in @(Get-Item (Join-Path $Repo 'README.md')) + @(Get-ChildItem (Join-Path $Repo 'docs') -Filter *.md)) {
        $number = 0
        $block = $null
        foreach ($line in Get-Content $file.FullName) {
            if ($null -eq $block -and $line -match '^```powershell\s*$') { $block = [System.Collections.Generic.List[string]]::new(); continue }
            if ($null -ne $block -and $line -match '^```\s*$') {
                $number++
                @{ Source = $file.Name; Number = $number; Code = ($block -join "`n").Trim() }
                $block = $null
                continue
            }
            if ($null -ne $block) { $block.Add($line) }
        }
    }
}

# Examples that cannot run here, and why: they are still parsed and their GdprOps commands and parameters checked.
$script:NotRunnable = [ordered]@{
    'dotnet build'               = 'builds the module (the test suite has just done that)'
    'build.ps1 -Task Package'    = 'packages and installs the module (the gallery test in GdprOps.Tests.ps1 does that end to end)'
    'ScheduledTask'              = 'Windows Task Scheduler'
    'Read-Host'                  = 'asks a person'
}

function Get-NotRunnableReason {
    param([string] $Code)
    foreach ($marker in $script:NotRunnable.Keys) {
        if ($Code.Contains($marker)) { return $script:NotRunnable[$marker] }
    }

    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
    $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true))
    $gdprops = @($commands | Where-Object { (Get-Command $_.GetCommandName() -Module GdprOps -ErrorAction Ignore) })
    if ($gdprops.Count -eq 1 -and $gdprops[0].GetCommandName() -eq 'Connect-GdprOps' -and $Code -notmatch '-AccessToken') {
        return 'signs in to a real tenant with a certificate, managed identity or device code'
    }

    $null
}

function ConvertTo-WorldExample {
    <#
    The example as it runs in the sandbox: \\fs01\x, C:\ and D:\ become folders of the world, backslashes slashes, a
    sign-in with real credentials becomes a sign-in to the simulator, Import-Module of the installed module the
    module under test.
    #>
    param([string] $Code, [string] $World, [string] $Endpoint, [string] $Module)
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
    $replace = @(
        foreach ($call in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            switch ($call.GetCommandName()) {
                'Connect-GdprOps' { if ($call.Extent.Text -notmatch '-AccessToken') { @{ Extent = $call.Extent; Text = 'Connect-GdprOps -AccessToken $ExampleToken -GraphEndpoint $ExampleEndpoint | Out-Null' } } }
                'Import-Module' { if ($call.Extent.Text -match 'GdprOps\.psd1') { @{ Extent = $call.Extent; Text = "Import-Module '$Module'" } } }
            }
        }
    ) | Sort-Object { $_.Extent.StartOffset } -Descending
    foreach ($edit in $replace) {
        $Code = $Code.Substring(0, $edit.Extent.StartOffset) + $edit.Text + $Code.Substring($edit.Extent.EndOffset)
    }

    $Code = $Code -replace '\\\\fs01\\', "$World/fs01/"
    $Code = $Code -replace '\b([CD]):\\', "$World/`$1/"
    $Code = $Code -replace 'http://127\.0\.0\.1:5080/v1\.0', $Endpoint
    $Code = $Code -replace '\$env:TEMP', "$World/tmp"
    $Code.Replace('\', '/')
}

function New-ExampleWorld {
    <# The folders, files, policy, reports and export package the examples name, built from the samples. #>
    param([string] $Repo, [string] $World)
    $share = Join-Path $Repo 'samples/share'
    foreach ($folder in 'fs01/hr', 'fs01/finance', 'fs01/shared', 'D/Shares', 'D/Exports', 'D/Registers') {
        New-Item -ItemType Directory -Path (Join-Path $World $folder) -Force | Out-Null
        Copy-Item -Path "$share/*" -Destination (Join-Path $World $folder) -Recurse
    }
    foreach ($folder in 'samples', 'tmp', 'C/GdprOps/logs', 'D/DSAR', 'D/Audit', 'fs01/hr/applications') {
        New-Item -ItemType Directory -Path (Join-Path $World $folder) -Force | Out-Null
    }
    Copy-Item -Path $share -Destination (Join-Path $World 'samples') -Recurse
    Copy-Item -Path (Join-Path $Repo 'samples/subject.json') -Destination (Join-Path $World 'samples')
    Copy-Item -Path (Join-Path $Repo 'samples/subject.json') -Destination $World
    Copy-Item -Path (Join-Path $Repo 'samples/controller.json') -Destination $World
    $old = New-Item -ItemType File -Path (Join-Path $World 'fs01/hr/applications/cv-2019.txt') -Value 'Application from soeren.oestergaard@nordlys.example'
    $old.LastWriteTimeUtc = [datetime]'2019-05-01'

    $policy = @'
{
  "version": 1,
  "mailboxRules": [
    { "name": "Standard folders", "olderThan": "6mo", "action": "Delete", "legalBasis": "Mail policy 4.2" }
  ],
  "itemRules": [
    { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "action": "Delete", "legalBasis": "Recruitment policy 3" },
    { "name": "Consent withdrawn", "scope": "blob", "dateMetadata": "ConsentWithdrawn", "olderThan": "2y", "action": "Purge", "legalBasis": "GDPR Art. 7(3)" }
  ]
}
'@
    Set-Content -Path (Join-Path $World 'retention.json') -Value $policy
    Set-Content -Path (Join-Path $World 'C/GdprOps/retention.json') -Value $policy

    # The reviewed report the examples import: every row approved.
    $subject = New-SubjectProfile -Path (Join-Path $World 'subject.json')
    $rows = Find-PersonalData -Path (Join-Path $World 'fs01/hr') -Subject $subject
    $rows | Export-PersonalDataReport -Path (Join-Path $World 'findings.csv')
    $reviewed = Import-Csv (Join-Path $World 'findings.csv') | ForEach-Object { $_.Decision = 'Approve'; $_ }
    foreach ($name in 'DSAR-0042.csv', 'reviewed.csv') { $reviewed | Export-Csv -Path (Join-Path $World $name) -NoTypeInformation -Encoding utf8 }

    # An audit log to verify.
    $rows | Export-SubjectData -Path (Join-Path $World 'tmp/first-export') -Subject $subject -AuditLogPath (Join-Path $World 'audit.log') | Out-Null
}

function Add-ExamplePackage {
    <# The export package Test-SubjectExport's example verifies, made the way Export-SubjectData's first example makes it. #>
    param([string] $World)
    $subject = New-SubjectProfile -Path (Join-Path $World 'subject.json')
    Find-PersonalData -Path (Join-Path $World 'fs01/hr') -Subject $subject |
        Export-SubjectData -Path (Join-Path $World 'D/DSAR/2026-0042') -Subject $subject -AuditLogPath (Join-Path $World 'audit.log') | Out-Null
}
