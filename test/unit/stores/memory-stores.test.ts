import { createMemoryStores } from '../../../shared/stores/index.ts';
import { storeScenarios } from '../../support/stores/scenarios.ts';

storeScenarios('the memory stores', async (clock) => createMemoryStores({ clock }));
