#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The shipped Azure Automation runbooks (deploy/azure-automation), run as a hybrid worker would run them: once per
# shard, then the merge, against the Graph simulator. Only the sign-in is replaced (a certificate thumbprint needs
# a certificate store and a real tenant): a Connect-GdprOps function, which a script's call finds before the cmdlet,
# connects to the simulator instead.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    . "$PSScriptRoot/Support.ps1"
    $runbooks = Join-Path $repo 'deploy/azure-automation'
}

Describe 'Azure Automation runbooks: Find-PersonalData -Shard -ReportPath and Import-PersonalDataReport -CheckShards' {
    BeforeAll {
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '14', '--seed', '23')
        $token = [System.Net.NetworkCredential]::new('', 'simulator-token').SecurePassword
        # The runbook runs 'Import-Module GdprOps' as a worker with the module installed would.
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Join-Path $repo 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $signIns = [System.Collections.Generic.List[string]]::new()
        function Connect-GdprOps {
            param([string] $TenantId, [string] $ClientId, [string] $CertificateThumbprint)
            $signIns.Add("$TenantId $ClientId $CertificateThumbprint")
            GdprOps\Connect-GdprOps -AccessToken $token -GraphEndpoint $simulator.Endpoint
        }
        $signIn = @{ TenantId = 'contoso.example'; ClientId = '11111111-2222-3333-4444-555555555555'; CertificateThumbprint = 'AB12'; RunId = 'weekly-2026-48' }

        function Get-RowKey([string] $Path) {
            @(Import-PersonalDataReport -Path $Path | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.SourceKind, $_.Source, $_.ItemId, $_.Categories, $_.Confidence }) | Sort-Object
        }

        GdprOps\Connect-GdprOps -AccessToken $token -GraphEndpoint $simulator.Endpoint | Out-Null
        $single = Join-Path $TestDrive 'single.csv'
        Find-PersonalData -AllMailboxes -Discover -ErrorAction SilentlyContinue -ErrorVariable singleErrors | Export-PersonalDataReport -Path $single
        $results = Join-Path $TestDrive 'results'
        New-Item -ItemType Directory -Path $results | Out-Null
        foreach ($k in 1..3) {
            & "$runbooks/Invoke-GdprOpsShard.ps1" -Shard $k -ShardCount 3 -ResultsPath $results @signIn 2>$null | Out-Null # the simulator's one unreadable mailbox is an error, as it should be
        }
    }

    AfterAll {
        $env:PSModulePath = $savedModulePath
        GdprOps\Disconnect-GdprOps
        Stop-TestServer $simulator
    }

    It 'each shard job writes its report and a manifest; between them they sweep every mailbox once' {
        $manifests = foreach ($k in 1..3) { Get-Content -Raw (Join-Path $results "findings.$k-of-3.csv.shard.json") | ConvertFrom-Json }
        $manifests.runId | Sort-Object -Unique | Should -Be 'weekly-2026-48'
        $manifests.shard | Should -Be 1, 2, 3
        $units = @($manifests | ForEach-Object { $_.units })
        $units.Count | Should -Be 16 # 14 users and the simulator's 2 shared mailboxes
        @($units | Sort-Object -Unique).Count | Should -Be $units.Count
        foreach ($manifest in $manifests) { @($manifest.units).Count | Should -BeGreaterThan 0 -Because 'a shard with no mailbox proves nothing here' }
        # The simulator's unreadable mailbox: its shard says so in its manifest, as the single run said so.
        @($singleErrors).Count | Should -BeGreaterThan 0
        ($manifests.errors | Measure-Object -Sum).Sum | Should -Be @($singleErrors).Count
        $signIns | Should -Be (@("contoso.example 11111111-2222-3333-4444-555555555555 AB12") * 3)
    }

    It 'the merge runbook joins the three into exactly the single run' {
        $said = & "$runbooks/Merge-GdprOpsShards.ps1" -ShardCount 3 -ResultsPath $results 3>&1
        @($said | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match '^Shard \d/3 met 1 error\(s\)' }).Count | Should -Be 1
        $merged = Get-RowKey (Join-Path $results 'findings.csv')
        $merged.Count | Should -BeGreaterThan 0
        $merged | Should -Be (Get-RowKey $single)
    }

    It 'a shard whose report was changed, or one given twice, stops the merge and nothing is merged' {
        $copy = Join-Path $TestDrive 'tampered'
        Copy-Item -Path $results -Destination $copy -Recurse
        Remove-Item (Join-Path $copy 'findings.csv') -ErrorAction Ignore
        Add-Content -Path (Join-Path $copy 'findings.2-of-3.csv') -Value ''
        { & "$runbooks/Merge-GdprOpsShards.ps1" -ShardCount 3 -ResultsPath $copy } | Should -Throw '*changed after its shard wrote it*'
        Test-Path (Join-Path $copy 'findings.csv') | Should -BeFalse

        $twice = foreach ($k in 1, 1, 2, 3) { Join-Path $results "findings.$k-of-3.csv" }
        { Import-PersonalDataReport -Path $twice -CheckShards -ErrorAction Stop } | Should -Throw '*Shard 1/3 is given 2 times*'
    }

    It 'reports piped one by one are checked together: a missing shard is named and nothing is written' {
        $out = Join-Path $TestDrive 'partial.csv'
        $caught = $null
        try {
            Get-ChildItem -Path $results -Filter 'findings.*-of-3.csv' | Where-Object Name -ne 'findings.3-of-3.csv' |
                Import-PersonalDataReport -CheckShards | Export-PersonalDataReport -Path $out
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        "$caught" | Should -Match 'Shard\(s\) 3/3 are missing'
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        Test-Path $out | Should -BeFalse
    }

    It 'a shard job stopped after one mailbox resumes from its checkpoint and its report is the same' {
        $again = Join-Path $TestDrive 'again'
        New-Item -ItemType Directory -Path $again | Out-Null
        # What a job killed mid-run leaves: the header, one finished mailbox and a line cut off mid-write.
        $lines = @(Get-Content (Join-Path $results 'checkpoint.2-of-3.json'))
        $lines.Count | Should -BeGreaterThan 2
        Set-Content -Path (Join-Path $again 'checkpoint.2-of-3.json') -Value ($lines[0..1] + $lines[2].Substring(0, 20))
        & "$runbooks/Invoke-GdprOpsShard.ps1" -Shard 2 -ShardCount 3 -ResultsPath $again @signIn 2>$null | Out-Null
        (Get-Content -Raw (Join-Path $again 'findings.2-of-3.csv.shard.json') | ConvertFrom-Json).units |
            Should -Be (Get-Content -Raw (Join-Path $results 'findings.2-of-3.csv.shard.json') | ConvertFrom-Json).units
        Get-RowKey (Join-Path $again 'findings.2-of-3.csv') | Should -Be (Get-RowKey (Join-Path $results 'findings.2-of-3.csv'))
    }
}
