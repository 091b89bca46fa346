#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The user's-eye view, under real pwsh with Pester 5: .ci/run and ./build.ps1 -Task Test install both (into .tools/)
# and run this suite after dotnet test. Microsoft 365 cases start the Graph tenant simulator themselves.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force -ErrorAction Stop
    $share = Join-Path $repo 'samples/share'
    $subjectFile = Join-Path $repo 'samples/subject.json'
    . "$PSScriptRoot/Support.ps1"
}

Describe 'GdprOps module' {
    It 'exports exactly the cmdlets its manifest lists' {
        (Get-Command -Module GdprOps).Name | Sort-Object |
            Should -Be ((Import-PowerShellDataFile "$repo/GdprOps.psd1").CmdletsToExport | Sort-Object)
    }

    It 'keeps working after Import-Module -Force and after Remove-Module then Import-Module' {
        Import-Module "$repo/out/GdprOps/GdprOps.psd1" -Force
        (Get-Command Find-PersonalData).Parameters.Keys | Should -Contain 'Subject'
        @(Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example).Count | Should -Be 4
        Remove-Module GdprOps
        Import-Module "$repo/out/GdprOps/GdprOps.psd1"
        (Get-Command Connect-GdprOps).Parameters.Keys | Should -Contain 'AccessToken'
        @(New-SubjectProfile -Path $subjectFile | Find-PersonalData -Path $share).Count | Should -Be 6
    }

    It 'has help with examples for every cmdlet' {
        foreach ($command in Get-Command -Module GdprOps) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            @($help.Examples.Example).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Find-PersonalData' {
    It 'finds the planted items in the sample share' {
        $findings = New-SubjectProfile -Path $subjectFile | Find-PersonalData -Path $share
        $findings.Count | Should -Be 6
        ($findings | Where-Object ItemName -like '*.pdf').Where | Should -Be 'FileName;Body'
    }

    It 'reports a missing path as a non-terminating error' {
        $findings = Find-PersonalData -Path (Join-Path $TestDrive 'missing'), $share -Email soeren.oestergaard@nordlys.example -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $findings.Count | Should -Be 4
    }

    It 'reports a FIFO at once as NotScanned instead of hanging on it' -Skip:($IsWindows) {
        $folder = Join-Path $TestDrive 'fifo'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -Path (Join-Path $folder 'a.txt') -Value 'soeren.oestergaard@nordlys.example'
        & mkfifo (Join-Path $folder 'pipe.txt')
        $findings = Find-PersonalData -Path $folder -Email soeren.oestergaard@nordlys.example
        ($findings | Where-Object ItemName -eq 'pipe.txt').Status | Should -Be 'NotScanned'
        ($findings | Where-Object ItemName -eq 'a.txt').Status | Should -Be 'Scanned'
    }

    It 'keeps personal data out of verbose output' {
        $verbose = Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Not -Match 'oestergaard@'
    }
}

Describe 'Reports' {
    It 'round-trips through Export-Csv-compatible CSV and Import-Csv' {
        $path = Join-Path $TestDrive 'findings.csv'
        Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path $path
        $rows = Import-Csv $path
        $rows.Count | Should -Be 4
        $rows | Select-Object -First 1 | Export-PersonalDataReport -Path (Join-Path $TestDrive 'one.csv') -PassThru |
            Should -HaveCount 1
    }

    It 'imports only approved rows' {
        $path = Join-Path $TestDrive 'reviewed.csv'
        Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path $path
        $rows = Import-Csv $path
        $rows[0].Decision = 'approve'
        $rows | Export-Csv $path -NoTypeInformation -Encoding utf8
        @(Import-PersonalDataReport -Path $path -ApprovedOnly).Count | Should -Be 1
    }
}

Describe 'Connect-GdprOps' {
    AfterEach { Disconnect-GdprOps }

    It 'refuses a cloud sweep before sign-in, with a stable error id' {
        { Find-PersonalData -Mailbox anna@contoso.example -Email anna@contoso.example -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotConnected,GdprOps.PowerShell.Commands.FindPersonalDataCommand'
    }

    It 'signs in to a Graph endpoint, shows no secret, and sweeps a mailbox there' {
        $truth = Join-Path $TestDrive 'truth.json'
        $simulator = Start-GraphSimulator -Repo $repo -Arguments @('--users', '3', '--seed', '7', '--truth', $truth)
        try {
            $endpoint = $simulator.Endpoint
            $endpoint | Should -Match '^http://127\.0\.0\.1:\d+/v1\.0$'
            $mailbox = (Get-Content $truth -Raw | ConvertFrom-Json).items.Where({ $_.source -eq 'mail' -and $_.subject -eq 'soren' })[0].container

            $token = [System.Net.NetworkCredential]::new('', 'not-a-real-token').SecurePassword
            $info = Connect-GdprOps -AccessToken $token -GraphEndpoint $endpoint
            $info.AuthType | Should -Be 'AccessToken'
            $info.PSTypeNames | Should -Contain 'GdprOps.GraphConnectionInfo'
            (Get-GdprOpsConnection).GraphEndpoint | Should -Be $endpoint
            ($info | Format-List * | Out-String) | Should -Not -Match 'not-a-real-token'

            $found = @(Find-PersonalData -Mailbox $mailbox -Email soeren.oestergaard@nordlys.example -Deep)
            $found.Count | Should -BeGreaterThan 0
            $found | ForEach-Object { $_.PSTypeNames | Should -Contain 'GdprOps.Finding' }
            ($found | Select-Object -ExpandProperty Source -Unique) | Should -Be $mailbox
        }
        finally {
            Stop-TestServer $simulator
        }
    }

    It 'refuses an endpoint that does not answer like Graph, at once and with a stable error id' {
        $token = [System.Net.NetworkCredential]::new('', 'x').SecurePassword
        { Connect-GdprOps -AccessToken $token -GraphEndpoint 'http://127.0.0.1:9/v1.0' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectionFailed,GdprOps.PowerShell.Commands.ConnectGdprOpsCommand'
        Get-GdprOpsConnection | Should -BeNullOrEmpty
    }

    It 'rejects an endpoint that is not a Graph v1.0 base URL' {
        $token = [System.Net.NetworkCredential]::new('', 'x').SecurePassword
        { Connect-GdprOps -AccessToken $token -GraphEndpoint 'http://127.0.0.1:9/beta' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,GdprOps.PowerShell.Commands.ConnectGdprOpsCommand'
    }
}

Describe 'Export-SubjectData and the audit log' {
    It 'writes a package that verifies and one audit line' {
        $subject = New-SubjectProfile -Path $subjectFile
        $package = Join-Path $TestDrive 'DSAR-0042'
        $audit = Join-Path $TestDrive 'audit.log'
        $summary = Find-PersonalData -Path $share -Subject $subject | Export-SubjectData -Path $package -Subject $subject -AuditLogPath $audit
        $summary.Items | Should -Be 6
        (Test-SubjectExport -Path $package).Valid | Should -BeTrue
        (Get-GdprAuditLog -Path $audit -Action Export).Count | Should -Be 1
        (Test-GdprAuditLog -Path $audit).Valid | Should -BeTrue
    }

    It 'writes nothing with -WhatIf' {
        $package = Join-Path $TestDrive 'whatif'
        Find-PersonalData -Path $share -Email soeren.oestergaard@nordlys.example | Export-SubjectData -Path $package -AuditLogPath (Join-Path $TestDrive 'w.log') -WhatIf
        Test-Path $package | Should -BeFalse
    }

    It 'writes a Danish letter with the controller profile, flags other people''s data for review and warns about it' {
        $subject = New-SubjectProfile -Path $subjectFile
        $package = Join-Path $TestDrive 'DSAR-0042-da'
        $summary = Find-PersonalData -Path $share -Subject $subject |
            Export-SubjectData -Path $package -Subject $subject -Language da -ControllerProfile (Join-Path $repo 'samples/controller.json') -AuditLogPath (Join-Path $TestDrive 'da.log') -WarningVariable warned -WarningAction SilentlyContinue
        $letter = Get-Content (Join-Path $package 'README.html') -Raw -Encoding utf8
        $letter | Should -Match '<html lang="da">'
        $letter | Should -Match '6 dokumenter i mappen'
        $letter | Should -Match 'Datatilsynet'
        $summary.ThirdPartyItems | Should -BeGreaterThan 0
        Test-Path $summary.ReviewPath | Should -BeTrue
        Split-Path $summary.ReviewPath -Parent | Should -Be (Split-Path $package -Parent) -Because 'the review page is the DPO''s, beside the package'
        @($warned) -match 'other people' | Should -Not -BeNullOrEmpty
        @($warned) -match 'ControllerProfile' | Should -BeNullOrEmpty
        { Find-PersonalData -Path $share -Subject $subject | Export-SubjectData -Path (Join-Path $TestDrive 'bad') -ControllerProfile (Join-Path $repo 'samples/subject.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ControllerProfileInvalid,GdprOps.PowerShell.Commands.ExportSubjectDataCommand'
        Test-Path (Join-Path $TestDrive 'bad') | Should -BeFalse -Because 'a refused profile stops the export before anything is copied'
    }
}

Describe 'Remove-SubjectData' {
    It 'removes nothing with -WhatIf' {
        $copy = Join-Path $TestDrive 'share'
        Copy-Item -Path $share -Destination $copy -Recurse
        $subject = New-SubjectProfile -Path $subjectFile
        $before = (Get-ChildItem $copy -Recurse -File).Count
        Find-PersonalData -Path $copy -Subject $subject | Remove-SubjectData -Subject $subject -WhatIf
        (Get-ChildItem $copy -Recurse -File).Count | Should -Be $before
    }

    It 'removes approved items and reports each outcome' {
        $copy = Join-Path $TestDrive 'share2'
        Copy-Item -Path $share -Destination $copy -Recurse
        $subject = New-SubjectProfile -Path $subjectFile
        $results = Find-PersonalData -Path $copy -Subject $subject | Remove-SubjectData -Subject $subject -Force -AuditLogPath (Join-Path $TestDrive 'r.log')
        # Five mention him by an email, phone or id; the sick-leave list only by name (Low), which waits for a reviewer.
        ($results | Where-Object Outcome -eq 'Removed').Count | Should -Be 5
        ($results | Where-Object Outcome -eq 'SkippedLowConfidence').ItemName | Should -Be 'sick-leave-2026.csv'
        Test-Path (Join-Path $copy 'HR/sick-leave-2026.csv') | Should -BeTrue
    }
}

Describe 'Test-ItemRetention' {
    It 'reports share files kept longer than the policy allows' {
        $fixture = New-ApplicationsFolder -Root $TestDrive -OldName 'cv-2023.txt' -OldDate '2023-05-01' -Recent
        $folder = $fixture.Folder
        $policy = $fixture.Policy
        $summary = Test-ItemRetention -Policy $policy -Path $folder -AsOf ([datetime]'2026-11-23') |
            Where-Object { $_.PSTypeNames -contains 'GdprOps.ItemRetentionSummary' }
        $summary.Violations | Should -Be 1
        $summary.ItemsChecked | Should -Be 2

        Invoke-ItemRetention -Policy $policy -Path $folder -AsOf ([datetime]'2026-11-23') -WhatIf
        (Get-ChildItem $folder -File).Count | Should -Be 2
        $done = Invoke-ItemRetention -Policy $policy -Path $folder -AsOf ([datetime]'2026-11-23') -Force -AuditLogPath (Join-Path $TestDrive 'audit.log')
        ($done | Where-Object Outcome -eq 'Removed').Count | Should -Be 1
        (Get-ChildItem $folder -File).Name | Should -Be 'cv-2026.txt'
    }
}

Describe 'Gallery package' {
    It 'has the manifest fields a gallery user expects' {
        $manifest = Test-ModuleManifest -Path "$repo/out/GdprOps/GdprOps.psd1"
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedFunctions.Count | Should -Be 0
        # Every cmdlet the assembly defines is listed by name (a gallery search shows them), and no other.
        $defined = @(Get-Command -Module GdprOps -CommandType Cmdlet).Name | Sort-Object
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
        $manifest.ExportedCmdlets.Count | Should -Be 23
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Match 'Remove-SubjectData'
        $manifest.Tags | Should -Contain 'GDPR'
        $data = Import-PowerShellDataFile "$repo/GdprOps.psd1"
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'publishes with Publish-PSResource, installs by name from a local repository into a fresh module path, imports and sweeps' {
        $out = Join-Path $TestDrive 'package'
        & "$repo/build.ps1" -Task Package -SkipBuild -OutputPath $out | Out-Null
        $nupkg = Join-Path $out 'repository/GdprOps.0.1.0.nupkg'
        Test-Path $nupkg | Should -BeTrue

        # A user of their own: a fresh home, so the repository registration and the install touch nothing else.
        # (The data and config folders must exist: .NET answers an empty LocalApplicationData for a missing one, and
        # PSResourceGet would then keep its repository list in the current folder.)
        $home2 = Join-Path $TestDrive 'home'
        foreach ($folder in '.local/share', '.config') { New-Item -ItemType Directory -Path (Join-Path $home2 $folder) -Force | Out-Null }
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name Local -Uri '$out/repository' -Trusted
Install-PSResource -Name GdprOps -Repository Local -Scope CurrentUser -TrustRepository
Import-Module GdprOps
`$module = Get-Module GdprOps
`$findings = @(Find-PersonalData -Path '$share' -Email soeren.oestergaard@nordlys.example)
"`$(`$module.Version)|`$(`$module.ModuleBase)|`$(`$findings.Count)"
"@
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath; NO_COLOR = $env:NO_COLOR }
        Push-Location $home2
        try {
            $env:NO_COLOR = '1'
            $env:HOME = $home2
            $env:XDG_DATA_HOME = Join-Path $home2 '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $home2 '.config'
            $env:PSModulePath = $null
            # This pwsh again: the dotnet tool's runs as 'dotnet pwsh.dll'.
            $host_ = [System.Environment]::ProcessPath
            [string[]] $lead = if ([System.IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
            $output = & $host_ @lead -NoProfile -NonInteractive -Command $script 2>&1
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) {
                if ($null -eq $saved[$name]) { Remove-Item -Path "Env:$name" -ErrorAction Ignore } else { Set-Item -Path "Env:$name" -Value $saved[$name] }
            }
        }

        Test-Path (Join-Path $repo 'PSResourceGet') | Should -BeFalse -Because 'the install must not leave a repository list in the working folder'

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $version, $base, $count = ($output | Select-Object -Last 1) -split '\|'
        $version | Should -Be '0.1.0'
        $base | Should -BeLike "$home2*"
        $count | Should -Be 4
    }
}
