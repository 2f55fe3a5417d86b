import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { simulate, SimulationError, type SimulationInput, type SimulationResult } from './engine.ts';

/**
 * A what-if simulation: no reads, no writes, no audit. Every signed-in role may run one (a rep
 * tries "if I close this deal…", an admin previews a plan). Invalid plans or splits → 422.
 */
export function simulateCompensation(_ctx: AppContext, _actor: Actor, input: SimulationInput): SimulationResult {
  try {
    return simulate(input);
  } catch (error) {
    if (error instanceof SimulationError) {
      throw new AppError('unprocessable', error.errors.length === 1 ? `${error.errors[0]!.path}: ${error.errors[0]!.message}` : 'The plan or the credits are not valid', { errors: error.errors });
    }
    throw error;
  }
}
