@echo off
rem sockscope launcher for Windows: finds Java 17 or newer (JAVA_HOME first, then java on
rem PATH), builds target\sockscope.jar with Maven when it is missing, and runs it with the
rem given arguments. Exit status is sockscope's; 3 when no Java or no jar could be had.
setlocal EnableExtensions DisableDelayedExpansion

for %%I in ("%~dp0..") do set "ROOT=%%~fI"
set "JAR=%ROOT%\target\sockscope.jar"
set "JAVA_EXE="

rem 1. JAVA_HOME, when it holds Java 17 or newer
if not defined JAVA_HOME goto try_path
if not exist "%JAVA_HOME%\bin\java.exe" goto try_path
call :java_major "%JAVA_HOME%\bin\java.exe"
if %MAJOR% GEQ 17 (
    set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
    goto have_java
)

:try_path
rem 2. the first java.exe on PATH
set "CAND="
for %%J in (java.exe) do set "CAND=%%~$PATH:J"
if not defined CAND goto no_java
call :java_major "%CAND%"
if %MAJOR% GEQ 17 (
    set "JAVA_EXE=%CAND%"
    goto have_java
)

:no_java
>&2 echo sockscope: no Java 17 or newer found: set JAVA_HOME to a JDK 17+ or put its bin folder on PATH
exit /b 3

:have_java
if exist "%JAR%" goto run
where mvn >nul 2>&1
if errorlevel 1 (
    >&2 echo sockscope: target\sockscope.jar is missing and Maven ^(mvn^) is not on PATH
    exit /b 3
)
rem Maven must compile with a JDK 17+: point JAVA_HOME at the one found, when it is a JDK
for %%I in ("%JAVA_EXE%\..\..") do set "FOUND_HOME=%%~fI"
if exist "%FOUND_HOME%\bin\javac.exe" (
    set "JAVA_HOME=%FOUND_HOME%"
) else (
    set "JAVA_HOME="
)
>&2 echo sockscope: building target\sockscope.jar ...
pushd "%ROOT%"
call mvn -q -B -DskipTests package 1>&2
set "BUILD=%ERRORLEVEL%"
popd
if not "%BUILD%"=="0" (
    >&2 echo sockscope: build failed ^(run: mvn -B -DskipTests package^)
    exit /b 3
)
if not exist "%JAR%" (
    >&2 echo sockscope: the build did not produce target\sockscope.jar
    exit /b 3
)

:run
"%JAVA_EXE%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

rem Sets MAJOR to the feature version of the java.exe given as %1 (8 for "1.8.0_x"), 0 when unknown.
:java_major
set "MAJOR=0"
set "JVER="
for /f "tokens=3" %%V in ('call "%~1" -version 2^>^&1 ^| findstr /i /c:" version "') do (
    if not defined JVER set "JVER=%%~V"
)
if not defined JVER goto :eof
for /f "tokens=1,2 delims=._-+" %%A in ("%JVER%") do (
    if "%%A"=="1" (set "MAJOR=%%B") else (set "MAJOR=%%A")
)
rem anything not numeric counts as 0
set /a "MAJOR=%MAJOR%+0" >nul 2>&1 || set "MAJOR=0"
goto :eof
