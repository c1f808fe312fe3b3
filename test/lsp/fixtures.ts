import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceOnDisk } from './client.js';

/** A library of rules another workspace depends on: a taxonomy, merchants, customer attributes. */
export const taxonomy = `package bank.taxonomy

/// Eating and drinking out.
category food_and_drink "Food & Drink" {
  description "Restaurants, coffee and groceries"
  category coffee "Coffee shops"
  category restaurants "Restaurants" {
    category fast_food "Fast food"
  }
}

category home "Home" {
  category hardware "Hardware"
}

merchant starbucks "Starbucks" {
  match prefix "STARBUCKS"
  category food_and_drink.coffee
}

merchant blue_bottle "Blue Bottle" {
  match prefix "BLUE BOTTLE"
  category food_and_drink.coffee
}

merchant mcdonalds "McDonald's" {
  match prefix "MCDONALD"
  category food_and_drink.restaurants.fast_food
}

merchant home_depot "Home Depot" {
  match contains "HOME DEPOT"
  category home.hardware
}

customer {
  avg_balance money "Average balance, last 90 days"
  products products "Products held"
}
`;

/** KLIs and segments of the workspace that depends on the library. */
export const klis = `package app.klis
import bank.taxonomy

/// Buys coffee most weeks.
kli coffee_lover "Coffee lover" {
  description "Two or more coffee purchases in 30 days"
  owner "Marketing Analytics"
  since "1.3.0"
  window 30 days
  let cups = count(where category under food_and_drink.coffee and amount > 0)
  when cups >= 2
  score min(cups / 10, 1)
}

kli home_spender "Home spender" {
  window 3 months
  let spend = sum(amount where category under home)
  when spend > 1000
}

segment caffeinated "Caffeinated" {
  when coffee_lover and not has_product("heloc")
  where customer.avg_balance >= 1000
}
`;

/** A library folder and an app folder beside it that depends on the library by path. */
export function libraryAndApp(
  app: Record<string, string> = { 'klis.kli': klis },
  library: Record<string, string> = { 'taxonomy.kli': taxonomy },
  appManifest: object = {},
) {
  const parent = mkdtempSync(join(tmpdir(), 'kli-lsp-'));
  const lib = workspaceOnDisk(library, { name: 'rules', version: '1.2.0' }, join(parent, 'rules'));
  const ws = workspaceOnDisk(
    app,
    {
      name: 'app',
      version: '1.0.0',
      dependencies: { rules: { path: '../rules', version: '^1.2.0' } },
      ...appManifest,
    },
    join(parent, 'app'),
  );
  return { lib, app: ws };
}
