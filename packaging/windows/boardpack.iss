; Inno Setup 6 script for Boardpack on Windows (not built on this project's Linux machines;
; see packaging/README.md). Build the bundle first (packaging\build.sh, or the pyinstaller
; line in it, on Windows), then from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\boardpack.iss
; (the version is app.__version__: python -c "import app; print(app.__version__)").
;
; Installs per user by default (no administrator rights: %LOCALAPPDATA%\Programs\Boardpack).
; IT deploys it per machine, silently:
;   Boardpack-0.1.0-setup.exe /ALLUSERS /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Boardpack.exe is the window (Start menu, double-click on a .boardpack file);
; boardpack-cli.exe is the command line (`boardpack-cli report plan.boardpack ...`), put on
; PATH when the "cli" task is chosen (on by default).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\boardpack.iss
#endif
#define AppName "Boardpack"
#define AppId "org.boardpack.Boardpack"
#define ProgId "Boardpack.Plan"
#define Bundle "..\..\dist\boardpack"

[Setup]
; A fixed GUID-like id keeps upgrades in place; never change it.
AppId={{6E0B7F3A-2C55-4D8E-9B61-B0A4D5C3E7F1}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Boardpack developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user unless /ALLUSERS (or the user chooses "all users" in the dialog).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ChangesAssociations=yes
ChangesEnvironment=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Boardpack-{#AppVersion}-setup
SetupIconFile=..\icons\boardpack.ico
UninstallDisplayIcon={app}\Boardpack.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Code signing (SignTool=...) is remaining work: see packaging/README.md.

[Tasks]
Name: "cli"; Description: "Add the command line (boardpack-cli) to PATH"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\icons\boardpack-file.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\Boardpack.exe"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Boardpack.exe"; Tasks: desktopicon

[Registry]
; The .boardpack file type: HKCU per user, HKLM per machine ({autoprograms}-style HKA).
Root: HKA; Subkey: "Software\Classes\.boardpack"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.boardpack"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-boardpack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Boardpack plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\boardpack-file.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Boardpack.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Boardpack.exe\SupportedTypes"; ValueType: string; ValueName: ".boardpack"; ValueData: ""; Flags: uninsdeletekey
; PATH for the command line: the user's PATH per user, the system's per machine.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: cli; Check: not IsAdminInstallMode and NeedsAddPath(ExpandConstant('{app}'))
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: cli; Check: IsAdminInstallMode and NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\Boardpack.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
  RootKey: Integer;
  SubKey: string;
begin
  if IsAdminInstallMode then begin
    RootKey := HKEY_LOCAL_MACHINE;
    SubKey := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  end else begin
    RootKey := HKEY_CURRENT_USER;
    SubKey := 'Environment';
  end;
  if not RegQueryStringValue(RootKey, SubKey, 'Path', Paths) then begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
