#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Export-GdprReport as a reader sees it: rendered by a real browser (headless Chromium, the Debian package that
# tests/run.sh installs), loaded without errors, and showing the numbers of its input.

BeforeDiscovery {
    $chromium = @(Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction Ignore)[0]
}

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    $share = Join-Path $repo 'samples/share'
    $browser = @(Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction Ignore)[0].Source

    function Invoke-Browser {
        <# Runs headless Chromium on a local page; returns its exit code and what it logged. #>
        param([string] $Page, [string[]] $Arguments)
        $log = Join-Path $TestDrive ("chromium-" + [guid]::NewGuid().ToString('N') + '.log')
        $profileDir = Join-Path $TestDrive 'chromium-profile'
        $all = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', "--user-data-dir=$profileDir", '--enable-logging=stderr', '--v=0') + $Arguments + @([System.Uri]::new($Page).AbsoluteUri)
        $output = & $browser @all 2> $log
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n"); Log = (Get-Content $log -Raw) }
    }

    function Get-PageMetric {
        <# The numbers a page shows, by their data-metric names, from the DOM the browser built. #>
        param([string] $Dom)
        $metrics = @{}
        foreach ($match in [regex]::Matches($Dom, 'data-metric="([^"]+)">([^<]*)<')) {
            $metrics[[System.Net.WebUtility]::HtmlDecode($match.Groups[1].Value)] = $match.Groups[2].Value
        }
        $metrics
    }
}

Describe 'Export-GdprReport in a real browser' {
    It 'renders the sample discovery map to a PNG in headless Chromium, loads without errors, and shows the findings'' numbers' -Skip:(-not $chromium) {
        $findings = @(Find-PersonalData -Path $share -Discover)
        $page = Join-Path $TestDrive 'map.html'
        $file = $findings | Export-GdprReport -Path $page
        $file.FullName | Should -Be $page

        $png = Join-Path $TestDrive 'map.png'
        $shot = Invoke-Browser -Page $page -Arguments @("--screenshot=$png", '--window-size=1280,1800')
        $shot.ExitCode | Should -Be 0
        $bytes = [System.IO.File]::ReadAllBytes($png)
        [System.BitConverter]::ToString($bytes, 0, 8) | Should -Be '89-50-4E-47-0D-0A-1A-0A' -Because 'the browser wrote a PNG'
        # IHDR: width and height, big-endian, at bytes 16-23.
        [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]]$bytes[16..19]) | Should -Be 1280
        [System.Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([byte[]]$bytes[20..23]) | Should -Be 1800
        $bytes.Length | Should -BeGreaterThan 20000 -Because 'a page with charts, not a blank one'
        $shot.Log | Should -Not -Match 'Failed to load resource|net::ERR_|Uncaught|Refused to' -Because 'the page needs nothing from elsewhere and runs no script'

        $dom = Invoke-Browser -Page $page -Arguments @('--dump-dom')
        $dom.ExitCode | Should -Be 0
        $metrics = Get-PageMetric $dom.Output
        $withData = @($findings | Where-Object { $_.Status -ne 'NotScanned' -and $_.Categories })
        $metrics['findings'] | Should -Be "$($findings.Count)"
        $metrics['items'] | Should -Be "$($withData.Count)"
        $metrics['notRead'] | Should -Be "$(@($findings | Where-Object Status -eq 'NotScanned').Count)"
        $metrics['specialItems'] | Should -Be "$(@($withData | Where-Object { $_.Categories -match 'ART(9|10)_' }).Count)"
        foreach ($category in ($withData.Categories -split ';' | Sort-Object -Unique)) {
            $expected = @($withData | Where-Object { ($_.Categories -split ';') -contains $category }).Count
            $dom.Output | Should -Match ([regex]::Escape("data-category=`"$category`" data-items=`"$expected`"")) -Because "the bar of $category shows its items"
        }
        $metrics['cell:ART9_HEALTH@HR'] | Should -Be '1'
    }

    It 'renders a case with its timeline from the audit log' -Skip:(-not $chromium) {
        $saved = $env:GDPROPS_CASES, $env:GDPROPS_AUDIT_LOG
        try {
            $env:GDPROPS_CASES = Join-Path $TestDrive 'cases'
            $env:GDPROPS_AUDIT_LOG = Join-Path $TestDrive 'audit.log'
            New-GdprCase -Type Access -CaseId DSAR-2026-0042 | Out-Null
            $subject = New-SubjectProfile -Path (Join-Path $repo 'samples/subject.json')
            $found = Find-PersonalData -Path $share -Subject $subject
            $found | Export-SubjectData -Path (Join-Path $TestDrive 'package') -Subject $subject -WarningAction SilentlyContinue | Out-Null
            $page = Join-Path $TestDrive 'case.html'
            $found | Export-GdprReport -Path $page -CaseId DSAR-2026-0042 | Out-Null
            $dom = Invoke-Browser -Page $page -Arguments @('--dump-dom')
            $dom.ExitCode | Should -Be 0
            $metrics = Get-PageMetric $dom.Output
            $metrics['sweeps'] | Should -Be '1'
            $metrics['exports'] | Should -Be '1'
            $metrics['due'] | Should -Be (Get-GdprCase DSAR-2026-0042).Due.ToString('yyyy-MM-dd')
            ([regex]::Matches($dom.Output, '<g data-action=')).Count | Should -Be 2
        }
        finally {
            $env:GDPROPS_CASES, $env:GDPROPS_AUDIT_LOG = $saved
        }
    }

    It 'renders mailbox retention from Test-MailboxRetention, and the same page from its rows read back from CSV' -Skip:(-not $chromium) {
        . "$PSScriptRoot/Support.ps1"
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '3', '--seed', '7')
        try {
            $token = [System.Net.NetworkCredential]::new('', 'simulator-token').SecurePassword
            Connect-GdprOps -AccessToken $token -GraphEndpoint $simulator.Endpoint | Out-Null
            $results = @(Test-MailboxRetention -AllMailboxes)
            $rows = @($results | Where-Object { $_.PSTypeNames -contains 'GdprOps.MailboxRetentionResult' })
            $page = Join-Path $TestDrive 'retention.html'
            $results | Export-GdprReport -Path $page | Out-Null
            $dom = Invoke-Browser -Page $page -Arguments @('--dump-dom')
            $dom.ExitCode | Should -Be 0
            $metrics = Get-PageMetric $dom.Output
            $metrics['folders'] | Should -Be "$($rows.Count)"
            $metrics['violations'] | Should -Be "$(($rows | Measure-Object ViolationCount -Sum).Sum)"
            $metrics['nonCompliantFolders'] | Should -Be "$(@($rows | Where-Object { -not $_.Compliant }).Count)"

            $csv = Join-Path $TestDrive 'retention.csv'
            $rows | Export-Csv -Path $csv -NoTypeInformation
            $again = Join-Path $TestDrive 'retention-csv.html'
            Import-Csv $csv | Export-GdprReport -Path $again | Out-Null
            (Get-PageMetric (Get-Content $again -Raw))['violations'] | Should -Be $metrics['violations']
        }
        finally {
            Disconnect-GdprOps
            Stop-TestServer $simulator
        }
    }

    It 'writes nothing under -WhatIf, refuses an empty pipeline and keeps an existing file with -NoClobber' {
        $page = Join-Path $TestDrive 'whatif.html'
        Find-PersonalData -Path $share -Discover | Export-GdprReport -Path $page -WhatIf
        Test-Path $page | Should -BeFalse
        { @() | Export-GdprReport -Path $page -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,GdprOps.PowerShell.Commands.ExportGdprReportCommand'
        Set-Content -Path $page -Value 'keep'
        { Find-PersonalData -Path $share -Discover | Export-GdprReport -Path $page -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFileExists,GdprOps.PowerShell.Commands.ExportGdprReportCommand'
        Get-Content $page | Should -Be 'keep'
    }

    if (-not $chromium) {
        It 'renders in a browser only where Chromium is installed (tests/run.sh installs the Debian package chromium when it runs as root; as another user install it first)' -Skip { }
    }
}
