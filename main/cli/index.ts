import { UsageError, type CliIo } from './command'
import { commands } from './commands/index'

const io: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isErrTty: Boolean(process.stderr.isTTY),
}

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 8)
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
  return [
    'LRO Lab Bench: a packet-level simulator of the Xen PV receive path with Large Receive Offload.',
    '',
    'Usage: npm run -s labbench -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npm run -s labbench -- <command> --help` for the options of one command.',
  ].join('\n')
}

/** Dispatches to a command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return 0
  }
  const command = commands.find((candidate) => candidate.name === name)
  if (!command) {
    io.err(`labbench: unknown command "${name}" (see --help)`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`labbench ${name}: ${error.message}`)
      return 2
    }
    io.err(`labbench ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 1
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exitCode = 1
  },
)
