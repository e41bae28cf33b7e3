/** `flow graph <flow.yaml>`: the flow's picture as SVG (and Mermaid text), for a pull request. */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { loadFlowFile } from '../engine/load.ts'
import { flowGraph, toMermaid } from '../ui/graph.ts'
import { renderSvg } from '../ui/svg.ts'
import { EXIT, printErrors } from './common.ts'

interface GraphFlags {
  output?: string
  mermaid?: boolean
}

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('draw a flow: SVG to a file or stdout, Mermaid text with --mermaid')
    .argument('<file>', 'flow file (.yaml)')
    .option('-o, --output <file>', 'write the SVG to this file')
    .option('--mermaid', 'print Mermaid flowchart text (GitHub renders it in Markdown); with -o, the SVG is written too')
    .action(async (file: string, flags: GraphFlags) => {
      process.exitCode = await graph(file, flags)
    })
}

export async function graph(file: string, flags: GraphFlags): Promise<number> {
  const { plan, errors } = await loadFlowFile(file, registry)
  if (!plan) {
    printErrors(errors)
    return EXIT.invalid
  }
  const model = flowGraph(plan)
  if (flags.output !== undefined) {
    try {
      writeFileSync(flags.output, renderSvg(model))
    } catch (err) {
      process.stderr.write(`flow graph: cannot write ${flags.output}: ${(err as Error).message}\n`)
      return EXIT.invalid
    }
    process.stderr.write(`wrote ${flags.output}\n`)
  }
  if (flags.mermaid) process.stdout.write(toMermaid(model))
  else if (flags.output === undefined) process.stdout.write(renderSvg(model))
  return EXIT.ok
}
